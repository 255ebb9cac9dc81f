import Foundation

/// A numerically stable softmax in fp32 (`attention_softmax_in_fp32`).
enum Softmax {
    /// In place over `x[offset ..< offset + count]`: subtracts the maximum, exponentiates, normalises.
    static func forward(_ x: inout [Float], offset: Int, count: Int) {
        precondition(count > 0 && x.count >= offset + count, "Softmax: bad range")
        x.withUnsafeMutableBufferPointer { v in forward(v.baseAddress! + offset, count: count) }
    }

    /// In place over `x[0 ..< count]`, eight lanes at a time with ``VectorMath/exp(_:)``.
    static func forward(_ x: UnsafeMutablePointer<Float>, count: Int) {
        typealias Vector = SIMD8<Float>
        let raw = UnsafeMutableRawPointer(x)
        let vectors = count / 8
        var largest = Vector(repeating: -.infinity)
        for i in 0..<vectors {
            let v = raw.loadUnaligned(fromByteOffset: 32 * i, as: Vector.self)
            largest = largest.replacing(with: v, where: v .> largest)
        }
        var maximum = VectorMath.maximum(largest)
        for i in (vectors * 8)..<count where x[i] > maximum { maximum = x[i] }
        var sums = Vector()
        for i in 0..<vectors {
            let e = VectorMath.exp(raw.loadUnaligned(fromByteOffset: 32 * i, as: Vector.self) - maximum)
            raw.storeBytes(of: e, toByteOffset: 32 * i, as: Vector.self)
            sums += e
        }
        var sum = sums.sum()
        for i in (vectors * 8)..<count {
            x[i] = expf(x[i] - maximum)
            sum += x[i]
        }
        let inverse = 1 / sum
        for i in 0..<vectors {
            let v = raw.loadUnaligned(fromByteOffset: 32 * i, as: Vector.self)
            raw.storeBytes(of: v * inverse, toByteOffset: 32 * i, as: Vector.self)
        }
        for i in (vectors * 8)..<count { x[i] *= inverse }
    }
}
