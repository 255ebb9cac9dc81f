import COpenBLAS

// Legend: T rows (tokens), I input features, O output features.
// Weights are row-major [O, I] (PyTorch nn.Linear), so every product is x · Wᵀ.

/// Matrix products: `cblas_sgemm` on blocks of output columns for batches, a SIMD
/// matrix-vector kernel for one row, both split across cores.
enum MatMul {
    /// Output columns a thread takes at a time: wide enough for sgemm to run at full speed.
    static let columnGrain = 128

    /// `out[T, O] = x[T, I] · weight[O, I]ᵀ + bias[O]`.
    ///
    /// `out` must hold at least `T * O` floats; `bias`, when given, `O`. One row (decoding) reads
    /// the weights once, so it goes at memory speed; a batch reuses each weight T times.
    static func linear(
        _ out: inout [Float], _ x: [Float], weight: [Float], bias: [Float]?,
        rows: Int, inFeatures: Int, outFeatures: Int
    ) {
        precondition(x.count >= rows * inFeatures, "MatMul.linear: x is too short")
        precondition(weight.count >= outFeatures * inFeatures, "MatMul.linear: weight is too short")
        precondition(out.count >= rows * outFeatures, "MatMul.linear: out is too short")
        let beta: Float
        if let bias {
            precondition(bias.count >= outFeatures, "MatMul.linear: bias is too short")
            out.withUnsafeMutableBufferPointer { o in
                bias.withUnsafeBufferPointer { b in
                    for t in 0..<rows {
                        (o.baseAddress! + t * outFeatures).update(from: b.baseAddress!, count: outFeatures)
                    }
                }
            }
            beta = 1
        } else {
            beta = 0
        }
        Parallel.blasOnCallingThread()
        out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { a in
                weight.withUnsafeBufferPointer { w in
                    let (o, a, w) = (o.baseAddress!, a.baseAddress!, w.baseAddress!)
                    if rows == 1 {
                        Parallel.forEachChunk(outFeatures, grain: QuantizedMatVec.grain) { range in
                            for r in range {
                                let dot = QuantizedMatVec.dotFloat32(w + r * inFeatures, a, count: inFeatures)
                                o[r] = beta == 0 ? dot : dot + o[r]
                            }
                        }
                        return
                    }
                    // column blocks of the output, one sgemm each, across cores
                    Parallel.forEachChunk(outFeatures, grain: columnGrain) { columns in
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasTrans,
                            Int32(rows), Int32(columns.count), Int32(inFeatures),
                            1, a, Int32(inFeatures), w + columns.lowerBound * inFeatures, Int32(inFeatures),
                            beta, o + columns.lowerBound, Int32(outFeatures))
                    }
                }
            }
        }
    }

    /// Transposes a row-major `[rows, columns]` matrix into `[columns, rows]`.
    ///
    /// Used once at load to turn GPT-2 `Conv1D` weights (`[I, O]`) into `nn.Linear` ones (`[O, I]`).
    static func transpose(_ out: inout [Float], _ matrix: [Float], rows: Int, columns: Int) {
        precondition(matrix.count == rows * columns && out.count == rows * columns, "MatMul.transpose: bad sizes")
        out.withUnsafeMutableBufferPointer { o in
            matrix.withUnsafeBufferPointer { m in
                for r in 0..<rows {
                    for c in 0..<columns {
                        o[c * rows + r] = m[r * columns + c]
                    }
                }
            }
        }
    }
}
