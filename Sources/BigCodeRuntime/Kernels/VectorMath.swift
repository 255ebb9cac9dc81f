// exp for SIMD8<Float> written with operations every x86-64 and arm64 has as vector
// instructions: Foundation's expf is scalar, and Swift's generic SIMD rounding and
// int/float conversions are not vectorised on baseline x86-64, so rounding and 2ⁿ use
// the 1.5·2²³ magic-number trick instead.

/// Vectorised transcendental functions for the elementwise kernels.
enum VectorMath {
    typealias Vector = SIMD8<Float>

    /// The largest lane (NaNs aside).
    @inline(__always)
    static func maximum(_ x: Vector) -> Float {
        var largest = x[0]
        for lane in 1..<8 where x[lane] > largest { largest = x[lane] }
        return largest
    }

    /// eˣ to about 2 ulp for x in [-87, 88] (clamped outside it), Cephes' polynomial.
    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        // clamped with compare-and-select: the stdlib's pointwiseMin/Max are not inlined
        let (low, high) = (Vector(repeating: -87), Vector(repeating: 88))
        let x = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        // n = round(x / ln 2): adding 1.5·2²³ leaves the rounded integer in the low mantissa bits
        let magic = Vector(repeating: 12_582_912)
        let shifted = x * Vector(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        // r = x - n·ln 2 in two steps, so r keeps its low bits
        var r = x - n * Vector(repeating: 0.693_359_375)
        r = r - n * Vector(repeating: -2.121_944_4e-4)
        var p = Vector(repeating: 1.987_569_1e-4)
        p = p * r + Vector(repeating: 1.398_199_9e-3)
        p = p * r + Vector(repeating: 8.333_452e-3)
        p = p * r + Vector(repeating: 4.166_579_6e-2)
        p = p * r + Vector(repeating: 1.666_666_5e-1)
        p = p * r + Vector(repeating: 0.5)
        p = p * (r * r) + r + Vector(repeating: 1)
        // 2ⁿ: n + 127 in the exponent field; the integer n is the magic sum's low bits
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
        return p * scale
    }
}
