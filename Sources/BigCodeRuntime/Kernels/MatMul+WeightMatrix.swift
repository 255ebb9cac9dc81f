import COpenBLAS

// Legend: T rows (tokens), I input features, O output features, N weight rows in one tile.

extension MatMul {
    /// Floats of one dequantised weight tile: 4 MB, wide enough for sgemm to run at full speed
    /// (1 MB tiles cost 15% of a bf16 prefill) and still in the 32 MB L3 when sgemm packs it.
    static let tileFloats = 1 << 20

    /// `out[T, O] = x[T, I] · weight[O, I]ᵀ + bias[O]`, whatever the weight's precision.
    ///
    /// fp32 goes straight to OpenBLAS. bf16 and int8 go, for one token, through the SIMD
    /// matrix-vector kernels that convert in registers. A batch over bf16 or int8 goes to the CPU's
    /// bf16 dot product (``BFloat16Dot``) when `bfloat16Dot` is set, which it is where the CPU has
    /// one; otherwise tile by tile: N rows are converted to fp32 and multiplied by
    /// `cblas_sgemm`, so the conversion costs O·I once per call against T·O·I multiply-adds.
    /// `tileFloats` bounds the converted tile (tests shrink it to cross tile edges).
    static func linear(
        _ out: inout [Float], _ x: [Float], weight: WeightMatrix, bias: [Float]?, rows: Int, tileFloats: Int = tileFloats,
        bfloat16Dot: Bool = BFloat16Dot.isAvailable
    ) {
        let (inFeatures, outFeatures) = (weight.columns, weight.rows)
        if case .float32(let values) = weight.storage {
            linear(&out, x, weight: values, bias: bias, rows: rows, inFeatures: inFeatures, outFeatures: outFeatures)
            return
        }
        precondition(x.count >= rows * inFeatures, "MatMul.linear: x is too short")
        precondition(out.count >= rows * outFeatures, "MatMul.linear: out is too short")
        precondition(bias.map { $0.count >= outFeatures } ?? true, "MatMul.linear: bias is too short")
        out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { a in
                if rows == 1 {
                    QuantizedMatVec.forward(o.baseAddress!, a.baseAddress!, weight: weight)
                    if let bias {
                        for i in 0..<outFeatures { o[i] += bias[i] }
                    }
                } else if bfloat16Dot, case .bfloat16 = weight.storage {
                    fill(o.baseAddress!, bias: bias, rows: rows, outFeatures: outFeatures)
                    BFloat16Dot.linear(o.baseAddress!, a.baseAddress!, weight: weight, rows: rows)
                } else if bfloat16Dot, case .int8(_, let scales) = weight.storage {
                    fill(o.baseAddress!, bias: nil, rows: rows, outFeatures: outFeatures)
                    BFloat16Dot.linear(o.baseAddress!, a.baseAddress!, weight: weight, rows: rows)
                    for t in 0..<rows {
                        let row = o.baseAddress! + t * outFeatures
                        scales.withUnsafeBufferPointer { s in for i in 0..<outFeatures { row[i] *= s[i] } }
                        bias?.withUnsafeBufferPointer { b in for i in 0..<outFeatures { row[i] += b[i] } }
                    }
                } else {
                    tiledLinear(o.baseAddress!, a.baseAddress!, weight: weight, bias: bias, rows: rows, tileFloats: tileFloats)
                }
            }
        }
    }

    /// The batched path: each thread takes a block of output columns and, for each tile of N of
    /// its weight rows, converts them to fp32 and adds `x · tileᵀ` to `out[:, tile]` with OpenBLAS.
    private static func tiledLinear(
        _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, weight: WeightMatrix, bias: [Float]?, rows: Int,
        tileFloats: Int
    ) {
        let (inFeatures, outFeatures) = (weight.columns, weight.rows)
        fill(out, bias: bias, rows: rows, outFeatures: outFeatures)
        let tileRows = max(16, min(outFeatures, tileFloats / max(inFeatures, 1)))
        Parallel.blasOnCallingThread()
        // each thread converts and multiplies its own rows, one tile at a time
        Parallel.forEachChunk(outFeatures, grain: columnGrain) { chunk in
            let tile = UnsafeMutablePointer<Float>.allocate(capacity: min(tileRows, chunk.count) * inFeatures)
            defer { tile.deallocate() }
            for first in stride(from: chunk.lowerBound, to: chunk.upperBound, by: tileRows) {
                let count = min(tileRows, chunk.upperBound - first)
                WeightPacking.unpackRows(weight, first..<(first + count), into: tile)
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(count), Int32(inFeatures),
                    1, x, Int32(inFeatures), tile, Int32(inFeatures), 1, out + first, Int32(outFeatures))
            }
        }
    }

    /// Sets every row of `out[T, O]` to the bias, or to zeros without one.
    private static func fill(_ out: UnsafeMutablePointer<Float>, bias: [Float]?, rows: Int, outFeatures: Int) {
        for t in 0..<rows {
            if let bias {
                bias.withUnsafeBufferPointer { (out + t * outFeatures).update(from: $0.baseAddress!, count: outFeatures) }
            } else {
                (out + t * outFeatures).update(repeating: 0, count: outFeatures)
            }
        }
    }
}
