import Foundation

/// A numerically stable softmax in fp32 (`attention_softmax_in_fp32`).
enum Softmax {
    /// In place over `x[offset ..< offset + count]`: subtracts the maximum, exponentiates, normalises.
    static func forward(_ x: inout [Float], offset: Int, count: Int) {
        precondition(count > 0 && x.count >= offset + count, "Softmax: bad range")
        x.withUnsafeMutableBufferPointer { v in
            var maximum = -Float.infinity
            for i in offset..<(offset + count) where v[i] > maximum { maximum = v[i] }
            var sum: Float = 0
            for i in offset..<(offset + count) {
                let e = expf(v[i] - maximum)
                v[i] = e
                sum += e
            }
            let inverse = 1 / sum
            for i in offset..<(offset + count) { v[i] *= inverse }
        }
    }
}
