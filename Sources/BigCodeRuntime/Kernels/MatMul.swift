import COpenBLAS

// Legend: T rows (tokens), I input features, O output features.
// Weights are row-major [O, I] (PyTorch nn.Linear), so every product is x · Wᵀ.

/// Matrix products through OpenBLAS: `cblas_sgemm` for batches, `cblas_sgemv` for one row.
enum MatMul {
    /// `out[T, O] = x[T, I] · weight[O, I]ᵀ + bias[O]`.
    ///
    /// `out` must hold at least `T * O` floats; `bias`, when given, `O`.
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
        out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { a in
                weight.withUnsafeBufferPointer { w in
                    if rows == 1 {
                        cblas_sgemv(
                            CblasRowMajor, CblasNoTrans, Int32(outFeatures), Int32(inFeatures),
                            1, w.baseAddress, Int32(inFeatures), a.baseAddress, 1, beta, o.baseAddress, 1)
                    } else {
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasTrans,
                            Int32(rows), Int32(outFeatures), Int32(inFeatures),
                            1, a.baseAddress, Int32(inFeatures), w.baseAddress, Int32(inFeatures),
                            beta, o.baseAddress, Int32(outFeatures))
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
