import Foundation

/// The GELU activations GPT-BigCode configs name.
enum GELU {
    /// Floats a thread takes at a time.
    static let grain = 1 << 15

    /// In place, `x = 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`: `gelu_pytorch_tanh`, `gelu_fast`, `gelu_new`.
    ///
    /// Computed as `x / (1 + e^(-2u))`, the same function (`0.5 (1 + tanh u)` is the logistic of
    /// `2u`), eight lanes at a time with ``VectorMath/exp(_:)``, across cores.
    static func tanhApproximation(_ x: inout [Float], count: Int) {
        precondition(x.count >= count, "GELU: x is too short")
        let vectors = count / 8
        x.withUnsafeMutableBufferPointer { v in
            let base = UnsafeMutableRawPointer(v.baseAddress!)
            Parallel.forEachChunk(vectors, grain: grain / 8) { range in
                for i in range {
                    let value = base.loadUnaligned(fromByteOffset: 32 * i, as: SIMD8<Float>.self)
                    base.storeBytes(of: tanhApproximation(value), toByteOffset: 32 * i, as: SIMD8<Float>.self)
                }
            }
            for i in (vectors * 8)..<count {
                v[i] = tanhApproximation(SIMD8<Float>(repeating: v[i]))[0]
            }
        }
    }

    /// Eight lanes of the tanh-approximated GELU.
    @inline(__always)
    static func tanhApproximation(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let beta: Float = 0.797_884_560_802_865_4  // √(2/π)
        let kappa: Float = 0.044715
        let inner = beta * (x + kappa * x * x * x)
        return x / (1 + VectorMath.exp(-2 * inner))
    }

    /// In place, `x = 0.5 x (1 + erf(x / √2))`: the exact GELU (`gelu`).
    static func exact(_ x: inout [Float], count: Int) {
        precondition(x.count >= count, "GELU: x is too short")
        x.withUnsafeMutableBufferPointer { v in
            let base = v.baseAddress!
            Parallel.forEachChunk(count, grain: grain) { range in
                for i in range {
                    base[i] = 0.5 * base[i] * (1 + erff(base[i] * 0.707_106_781_186_547_5))
                }
            }
        }
    }
}
