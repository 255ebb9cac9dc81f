/// Reads little-endian F32, F16 and BF16 tensor bytes into `[Float]`, once, at load.
enum DTypeConversion {
    /// The element types a checkpoint tensor may have that convert to `Float`.
    enum Source: String, Sendable {
        case float32 = "F32"
        case float16 = "F16"
        case bfloat16 = "BF16"

        /// Bytes per element.
        var size: Int { self == .float32 ? 4 : 2 }
    }

    /// Converts `count` elements of `type` at the start of `bytes` into floats.
    static func floats(from bytes: UnsafeRawBufferPointer, type: Source, count: Int) -> [Float] {
        precondition(bytes.count >= count * type.size, "DTypeConversion: buffer too short")
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            switch type {
            case .float32:
                for i in 0..<count {
                    out[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            case .float16:
                for i in 0..<count {
                    out[i] = halfToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                }
            case .bfloat16:
                for i in 0..<count {
                    let bits = UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                    out[i] = Float(bitPattern: bits << 16)
                }
            }
            initialized = count
        }
    }

    /// IEEE 754 binary16 bits to `Float`, subnormals, infinities and NaNs included.
    ///
    /// Written out rather than through `Float16`, which Intel macOS lacks.
    static func halfToFloat(_ half: UInt16) -> Float {
        let sign = UInt32(half >> 15) << 31
        let exponent = UInt32(half >> 10) & 0x1F
        let mantissa = UInt32(half) & 0x3FF
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }
}
