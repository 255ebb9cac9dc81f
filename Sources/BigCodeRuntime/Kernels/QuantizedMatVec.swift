import CBigCodeKernels

// Legend: O rows (output features), I columns (input features).

/// The one-token (decode) matrix-vector product over bf16 or int8 weights, converting each
/// block to fp32 in registers: decode reads every weight once, so fewer bytes is more tokens/s.
enum QuantizedMatVec {
    /// Rows a thread takes at a time: enough work to pay for the hand-off.
    static let grain = 64

    /// Whether this CPU and OS run the AVX-512 kernels (and `PROVENANCE_PORTABLE_KERNELS` is unset).
    static let avx512Available = !Parallel.portableKernels && bigcode_avx512_available() != 0

    /// `out[o] = Σ_i weight[o, i] · x[i]` for every row, across cores.
    ///
    /// - Parameters:
    ///   - out: `O` floats.
    ///   - x: `I` floats.
    ///   - avx512: use the AVX-512 kernels of `CBigCodeKernels` (where the CPU has them) rather
    ///     than the portable SIMD ones.
    static func forward(
        _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, weight: WeightMatrix, avx512: Bool = avx512Available
    ) {
        let columns = weight.columns
        switch weight.storage {
        case .float32(let values):
            values.withUnsafeBufferPointer { w in
                Parallel.forEachChunk(weight.rows, grain: grain) { rows in
                    for r in rows { out[r] = dotFloat32(w.baseAddress! + r * columns, x, count: columns) }
                }
            }
        case .bfloat16(let bits) where avx512:
            let xs = storedOrder(x, columns: columns, gather: bigcode_gather_bf16_order)
            defer { xs.deallocate() }
            bits.withUnsafeBufferPointer { w in
                Parallel.forEachChunk(weight.rows, grain: grain) { rows in
                    bigcode_matvec_bf16(out + rows.lowerBound, w.baseAddress! + rows.lowerBound * columns, xs, rows.count, columns)
                }
            }
        case .bfloat16(let bits):
            bits.withUnsafeBufferPointer { w in
                Parallel.forEachChunk(weight.rows, grain: grain) { rows in
                    for r in rows { out[r] = dotBFloat16(w.baseAddress! + r * columns, x, count: columns) }
                }
            }
        case .int8(let values, let scales) where avx512:
            let xs = storedOrder(x, columns: columns, gather: bigcode_gather_int8_order)
            defer { xs.deallocate() }
            values.withUnsafeBufferPointer { w in
                scales.withUnsafeBufferPointer { s in
                    Parallel.forEachChunk(weight.rows, grain: grain) { rows in
                        bigcode_matvec_int8(
                            out + rows.lowerBound, w.baseAddress! + rows.lowerBound * columns, s.baseAddress! + rows.lowerBound,
                            xs, rows.count, columns)
                    }
                }
            }
        case .int8(let values, let scales):
            values.withUnsafeBufferPointer { w in
                scales.withUnsafeBufferPointer { s in
                    Parallel.forEachChunk(weight.rows, grain: grain) { rows in
                        for r in rows {
                            out[r] = dotInt8(w.baseAddress! + r * columns, x, count: columns) * s[r]
                        }
                    }
                }
            }
        }
    }

    /// x gathered into the order a blocked row stores its weights, for the AVX-512 kernels.
    private static func storedOrder(
        _ x: UnsafePointer<Float>, columns: Int, gather: (UnsafeMutablePointer<Float>?, UnsafePointer<Float>?, Int) -> Void
    ) -> UnsafeMutablePointer<Float> {
        let xs = UnsafeMutablePointer<Float>.allocate(capacity: columns)
        gather(xs, x, columns)
        return xs
    }

    /// `Σ row[i] · x[i]` over fp32 weights (the reference the others are measured against).
    @inline(__always)
    static func dotFloat32(_ row: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count: Int) -> Float {
        var (sum0, sum1) = (SIMD8<Float>(), SIMD8<Float>())
        var c = 0
        while c + 16 <= count {
            sum0 += UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(x + c).loadUnaligned(as: SIMD8<Float>.self)
            sum1 += UnsafeRawPointer(row + c + 8).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(x + c + 8).loadUnaligned(as: SIMD8<Float>.self)
            c += 16
        }
        var sum = (sum0 + sum1).sum()
        while c < count {
            sum += row[c] * x[c]
            c += 1
        }
        return sum
    }

    /// `Σ row[i] · x[i]` over one blocked bf16 row (layout in `WeightPacking`).
    @inline(__always)
    static func dotBFloat16(_ row: UnsafePointer<UInt16>, _ x: UnsafePointer<Float>, count: Int) -> Float {
        let high = SIMD8<UInt32>(repeating: 0xFFFF_0000)
        var (sum0, sum1) = (SIMD8<Float>(), SIMD8<Float>())
        var c = 0
        while c + WeightPacking.block <= count {
            let lanes = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<UInt32>.self)
            sum0 += unsafeBitCast(lanes &<< 16, to: SIMD8<Float>.self) * UnsafeRawPointer(x + c).loadUnaligned(as: SIMD8<Float>.self)
            sum1 += unsafeBitCast(lanes & high, to: SIMD8<Float>.self) * UnsafeRawPointer(x + c + 8).loadUnaligned(as: SIMD8<Float>.self)
            c += WeightPacking.block
        }
        var sum = (sum0 + sum1).sum()
        while c < count {
            sum += Float(bitPattern: UInt32(row[c]) << 16) * x[c]
            c += 1
        }
        return sum
    }

    /// `Σ row[i] · x[i]` over one blocked int8 row, before its scale (layout in `WeightPacking`).
    @inline(__always)
    static func dotInt8(_ row: UnsafePointer<Int8>, _ x: UnsafePointer<Float>, count: Int) -> Float {
        var (sum0, sum1, sum2, sum3) = (SIMD4<Float>(), SIMD4<Float>(), SIMD4<Float>(), SIMD4<Float>())
        var c = 0
        while c + WeightPacking.block <= count {
            let lanes = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD4<Int32>.self)
            sum0 += WeightPacking.int8Lanes(lanes, byte: 0) * UnsafeRawPointer(x + c).loadUnaligned(as: SIMD4<Float>.self)
            sum1 += WeightPacking.int8Lanes(lanes, byte: 1) * UnsafeRawPointer(x + c + 4).loadUnaligned(as: SIMD4<Float>.self)
            sum2 += WeightPacking.int8Lanes(lanes, byte: 2) * UnsafeRawPointer(x + c + 8).loadUnaligned(as: SIMD4<Float>.self)
            sum3 += WeightPacking.int8Lanes(lanes, byte: 3) * UnsafeRawPointer(x + c + 12).loadUnaligned(as: SIMD4<Float>.self)
            c += WeightPacking.block
        }
        var sum = (sum0 + sum1 + sum2 + sum3).sum()
        while c < count {
            sum += Float(row[c]) * x[c]
            c += 1
        }
        return sum
    }
}
