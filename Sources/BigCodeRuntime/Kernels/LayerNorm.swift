// Legend: T rows (tokens), C channels.

/// Layer normalisation with biased variance, as `torch.nn.LayerNorm`.
enum LayerNorm {
    /// `out[t, :] = (x[t, :] - mean) / sqrt(var + eps) * weight + bias` for each of `rows` rows.
    static func forward(
        _ out: inout [Float], _ x: [Float], weight: [Float], bias: [Float],
        rows: Int, channels: Int, epsilon: Float
    ) {
        precondition(x.count >= rows * channels && out.count >= rows * channels, "LayerNorm: bad sizes")
        precondition(weight.count == channels && bias.count == channels, "LayerNorm: bad parameter sizes")
        out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { input in
                weight.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { b in
                        for t in 0..<rows {
                            let row = t * channels
                            var mean: Float = 0
                            for c in 0..<channels { mean += input[row + c] }
                            mean /= Float(channels)
                            var variance: Float = 0
                            for c in 0..<channels {
                                let d = input[row + c] - mean
                                variance += d * d
                            }
                            variance /= Float(channels)
                            let scale = 1 / (variance + epsilon).squareRoot()
                            for c in 0..<channels {
                                o[row + c] = (input[row + c] - mean) * scale * w[c] + b[c]
                            }
                        }
                    }
                }
            }
        }
    }
}
