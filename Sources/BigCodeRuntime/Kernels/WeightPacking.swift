// Legend: O rows, I columns, B = 16 weights a block.
//
// bf16 and int8 rows are stored in blocks of B reordered so that one SIMD load yields
// contiguous weights after a shift, with no lane shuffles:
//   bf16: 8 UInt32 lanes; lane j holds weight j in its low half and weight 8 + j in its high half,
//         so `lane << 16` is weights 0 ..< 8 and `lane & 0xFFFF0000` weights 8 ..< 16 as fp32 bits.
//   int8: 4 Int32 lanes; byte k of lane j is weight 4k + j, so shifting byte k to the top and
//         back (sign-extending) gives weights 4k ..< 4k + 4.
// The last I mod B weights of a row stay in natural order.

/// Converts fp32 weights to blocked bf16 or int8 at load, and back to fp32 rows for the kernels.
enum WeightPacking {
    /// Weights a block.
    static let block = 16

    /// `x` rounded to nearest even bfloat16; NaNs stay NaN.
    static func bfloat16Bits(_ x: Float) -> UInt16 {
        let bits = x.bitPattern
        if x.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x40 }
        return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
    }

    /// Where weight `column` of a row sits in its blocked bf16 row.
    static func bfloat16Slot(_ column: Int, columns: Int) -> Int {
        let blocked = columns / block * block
        guard column < blocked else { return column }
        let (start, j) = (column / block * block, column % block)
        return start + (j < 8 ? 2 * j : 2 * (j - 8) + 1)
    }

    /// Where weight `column` of a row sits in its blocked int8 row.
    static func int8Slot(_ column: Int, columns: Int) -> Int {
        let blocked = columns / block * block
        guard column < blocked else { return column }
        let (start, j) = (column / block * block, column % block)
        return start + 4 * (j % 4) + j / 4
    }

    /// Row-major fp32 `[O, I]` to blocked bf16 bits.
    static func packBFloat16(_ floats: [Float], rows: Int, columns: Int) -> [UInt16] {
        var out = [UInt16](repeating: 0, count: rows * columns)
        let slots = (0..<columns).map { bfloat16Slot($0, columns: columns) }
        for r in 0..<rows {
            let base = r * columns
            for c in 0..<columns { out[base + slots[c]] = bfloat16Bits(floats[base + c]) }
        }
        return out
    }

    /// Row-major fp32 `[O, I]` to blocked int8 values and per-row scales `max|row| / 127`.
    static func packInt8(_ floats: [Float], rows: Int, columns: Int) -> (values: [Int8], scales: [Float]) {
        var values = [Int8](repeating: 0, count: rows * columns)
        var scales = [Float](repeating: 0, count: rows)
        let slots = (0..<columns).map { int8Slot($0, columns: columns) }
        for r in 0..<rows {
            let base = r * columns
            var largest: Float = 0
            for c in 0..<columns { largest = max(largest, abs(floats[base + c])) }
            let scale = largest / 127
            scales[r] = scale
            guard scale > 0 else { continue }
            let inverse = 1 / scale
            for c in 0..<columns {
                let q = (floats[base + c] * inverse).rounded(.toNearestOrEven)
                values[base + slots[c]] = Int8(max(-127, min(127, q)))
            }
        }
        return (values, scales)
    }

    /// Writes rows `range` of `matrix` as row-major fp32 into `out`, `range.count · I` floats.
    static func unpackRows(_ matrix: WeightMatrix, _ range: Range<Int>, into out: inout [Float]) {
        precondition(out.count >= range.count * matrix.columns, "WeightPacking.unpackRows: out is too short")
        out.withUnsafeMutableBufferPointer { o in unpackRows(matrix, range, into: o.baseAddress!) }
    }

    /// Writes rows `range` of `matrix` as row-major fp32 to `out`, `range.count · I` floats.
    static func unpackRows(_ matrix: WeightMatrix, _ range: Range<Int>, into out: UnsafeMutablePointer<Float>) {
        let columns = matrix.columns
        precondition(range.lowerBound >= 0 && range.upperBound <= matrix.rows, "WeightPacking.unpackRows: bad rows")
        switch matrix.storage {
        case .float32(let values):
            values.withUnsafeBufferPointer { v in
                out.update(from: v.baseAddress! + range.lowerBound * columns, count: range.count * columns)
            }
        case .bfloat16(let bits):
            bits.withUnsafeBufferPointer { b in
                for (i, r) in range.enumerated() {
                    unpackBFloat16Row(out + i * columns, b.baseAddress! + r * columns, columns: columns)
                }
            }
        case .int8(let values, let scales):
            values.withUnsafeBufferPointer { v in
                for (i, r) in range.enumerated() {
                    unpackInt8Row(out + i * columns, v.baseAddress! + r * columns, scale: scales[r], columns: columns)
                }
            }
        }
    }

    /// One blocked bf16 row to fp32.
    @inline(__always)
    static func unpackBFloat16Row(_ out: UnsafeMutablePointer<Float>, _ row: UnsafePointer<UInt16>, columns: Int) {
        let high = SIMD8<UInt32>(repeating: 0xFFFF_0000)
        var c = 0
        while c + block <= columns {
            let lanes = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<UInt32>.self)
            UnsafeMutableRawPointer(out + c).storeBytes(of: lanes &<< 16, as: SIMD8<UInt32>.self)
            UnsafeMutableRawPointer(out + c + 8).storeBytes(of: lanes & high, as: SIMD8<UInt32>.self)
            c += block
        }
        while c < columns {
            out[c] = Float(bitPattern: UInt32(row[c]) << 16)
            c += 1
        }
    }

    /// One blocked int8 row to fp32, times its scale.
    @inline(__always)
    static func unpackInt8Row(_ out: UnsafeMutablePointer<Float>, _ row: UnsafePointer<Int8>, scale: Float, columns: Int) {
        let scales = SIMD4<Float>(repeating: scale)
        var c = 0
        while c + block <= columns {
            let lanes = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD4<Int32>.self)
            for k in 0..<4 {
                let weights = int8Lanes(lanes, byte: k)
                UnsafeMutableRawPointer(out + c + 4 * k).storeBytes(of: weights * scales, as: SIMD4<Float>.self)
            }
            c += block
        }
        while c < columns {
            out[c] = Float(row[c]) * scale
            c += 1
        }
    }

    /// Byte `k` of each lane, sign-extended, as exact floats: adding 1.5·2²³ puts a small integer
    /// in the mantissa, so a float subtraction converts it (Swift's generic SIMD int-to-float
    /// conversion is not vectorised).
    @inline(__always)
    static func int8Lanes(_ lanes: SIMD4<Int32>, byte k: Int) -> SIMD4<Float> {
        let magic = SIMD4<Int32>(repeating: 0x4B40_0000)
        let extended = (lanes &<< Int32(24 - 8 * k)) &>> 24
        return unsafeBitCast(extended &+ magic, to: SIMD4<Float>.self) - SIMD4<Float>(repeating: 12_582_912)
    }
}
