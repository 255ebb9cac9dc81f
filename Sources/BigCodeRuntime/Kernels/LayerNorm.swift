// Legend: T rows (tokens), C channels.

/// Layer normalisation with biased variance, as `torch.nn.LayerNorm`.
enum LayerNorm {
    /// `out[t, :] = (x[t, :] - mean) / sqrt(var + eps) * weight + bias` for each of `rows` rows,
    /// rows split across cores, eight channels at a time.
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
                        let (o, input, w, b) = (o.baseAddress!, input.baseAddress!, w.baseAddress!, b.baseAddress!)
                        Parallel.forEachChunk(rows, grain: 16) { range in
                            for t in range {
                                row(o + t * channels, input + t * channels, weight: w, bias: b, channels: channels, epsilon: epsilon)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One row of `channels` floats.
    @inline(__always)
    private static func row(
        _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>, channels: Int, epsilon: Float
    ) {
        typealias Vector = SIMD8<Float>
        func load(_ pointer: UnsafePointer<Float>, _ i: Int) -> Vector {
            UnsafeRawPointer(pointer + i).loadUnaligned(as: Vector.self)
        }
        let blocked = channels / 8 * 8
        var sums = Vector()
        for c in stride(from: 0, to: blocked, by: 8) { sums += load(x, c) }
        var mean = sums.sum()
        for c in blocked..<channels { mean += x[c] }
        mean /= Float(channels)
        var squares = Vector()
        for c in stride(from: 0, to: blocked, by: 8) {
            let d = load(x, c) - mean
            squares += d * d
        }
        var variance = squares.sum()
        for c in blocked..<channels { variance += (x[c] - mean) * (x[c] - mean) }
        variance /= Float(channels)
        let scale = 1 / (variance + epsilon).squareRoot()
        for c in stride(from: 0, to: blocked, by: 8) {
            let normed = (load(x, c) - mean) * scale * load(weight, c) + load(bias, c)
            UnsafeMutableRawPointer(out + c).storeBytes(of: normed, as: Vector.self)
        }
        for c in blocked..<channels { out[c] = (x[c] - mean) * scale * weight[c] + bias[c] }
    }
}
