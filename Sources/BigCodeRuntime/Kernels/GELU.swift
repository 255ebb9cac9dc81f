import Foundation

/// The GELU activations GPT-BigCode configs name.
enum GELU {
    /// In place, `x = 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`: `gelu_pytorch_tanh`, `gelu_fast`, `gelu_new`.
    static func tanhApproximation(_ x: inout [Float], count: Int) {
        precondition(x.count >= count, "GELU: x is too short")
        let beta: Float = 0.797_884_560_802_865_4  // √(2/π)
        let kappa: Float = 0.044715
        x.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                let value = v[i]
                let inner = beta * (value + kappa * value * value * value)
                v[i] = 0.5 * value * (1 + tanhf(inner))
            }
        }
    }

    /// In place, `x = 0.5 x (1 + erf(x / √2))`: the exact GELU (`gelu`).
    static func exact(_ x: inout [Float], count: Int) {
        precondition(x.count >= count, "GELU: x is too short")
        x.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                v[i] = 0.5 * v[i] * (1 + erff(v[i] * 0.707_106_781_186_547_5))
            }
        }
    }
}
