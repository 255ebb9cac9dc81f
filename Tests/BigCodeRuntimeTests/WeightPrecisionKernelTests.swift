import Foundation
import Synchronization
import ProvenanceTestSupport
import Testing

@testable import BigCodeRuntime

/// The bf16 and int8 weight kernels against naive references: packing, unpacking, the
/// one-token SIMD matrix-vector product and the tiled batched product.
@Suite struct WeightPrecisionKernelTests {
    /// 37 columns: two 16-weight blocks and a 5-weight tail in natural order.
    static let (rows, columns) = (40, 37)
    static let floats = KernelTests.randomFloats(rows * columns, seed: 21, scale: 2)

    /// `Σ_i w[o, i] · x[t, i] + bias[o]` in Double over the weights as the kernels see them.
    static func naiveLinear(_ x: [Float], _ weight: [Float], bias: [Float], rows: Int, outFeatures: Int, inFeatures: Int) -> [Float] {
        (0..<(rows * outFeatures)).map { index in
            let (t, o) = (index / outFeatures, index % outFeatures)
            let sum = (0..<inFeatures).reduce(Double(bias[o])) { $0 + Double(x[t * inFeatures + $1]) * Double(weight[o * inFeatures + $1]) }
            return Float(sum)
        }
    }

    @Test func bfloat16RoundsToNearestEven() {
        #expect(WeightPacking.bfloat16Bits(1) == 0x3F80)
        #expect(WeightPacking.bfloat16Bits(-2) == 0xC000)
        #expect(WeightPacking.bfloat16Bits(Float(bitPattern: 0x3F80_8000)) == 0x3F80)  // tie, even stays
        #expect(WeightPacking.bfloat16Bits(Float(bitPattern: 0x3F81_8000)) == 0x3F82)  // tie, odd rounds up
        #expect(WeightPacking.bfloat16Bits(Float(bitPattern: 0x3F80_8001)) == 0x3F81)
        #expect(Float(bitPattern: UInt32(WeightPacking.bfloat16Bits(.nan)) << 16).isNaN)
    }

    @Test func bfloat16MatrixUnpacksToRoundedWeights() {
        let matrix = WeightMatrix(floats: Self.floats, rows: Self.rows, columns: Self.columns, precision: .bfloat16)
        let expected = Self.floats.map { Float(bitPattern: UInt32(WeightPacking.bfloat16Bits($0)) << 16) }
        #expect(matrix.floats() == expected)
        #expect(matrix.byteCount == Self.rows * Self.columns * 2 && matrix.precision == .bfloat16)
    }

    @Test func int8MatrixUnpacksToScaledIntegers() {
        let matrix = WeightMatrix(floats: Self.floats, rows: Self.rows, columns: Self.columns, precision: .int8)
        let unpacked = matrix.floats()
        for r in 0..<Self.rows {
            let row = Array(Self.floats[(r * Self.columns)..<((r + 1) * Self.columns)])
            let scale = row.map(abs).max()! / 127
            for c in 0..<Self.columns {
                let expected = (row[c] / scale).rounded() * scale
                #expect(abs(unpacked[r * Self.columns + c] - expected) <= 1e-6, "row \(r) column \(c)")
                #expect(abs(unpacked[r * Self.columns + c] - row[c]) <= scale / 2 + 1e-6)
            }
        }
        #expect(matrix.byteCount == Self.rows * Self.columns + Self.rows * 4)
        let zero = WeightMatrix(floats: [Float](repeating: 0, count: 20), rows: 1, columns: 20, precision: .int8)
        #expect(zero.floats() == [Float](repeating: 0, count: 20))
    }

    @Test(arguments: WeightPrecision.allCases, [1, 5])
    func linearMatchesNaiveProduct(precision: WeightPrecision, rows: Int) {
        let matrix = WeightMatrix(floats: Self.floats, rows: Self.rows, columns: Self.columns, precision: precision)
        let x = KernelTests.randomFloats(rows * Self.columns, seed: 22)
        let bias = KernelTests.randomFloats(Self.rows, seed: 23)
        let expected = Self.naiveLinear(x, matrix.floats(), bias: bias, rows: rows, outFeatures: Self.rows, inFeatures: Self.columns)
        // a tile of 16 rows: the batched sgemm path crosses two tile edges and ends on a short tile
        for tileFloats in [64, MatMul.tileFloats] {
            var out = [Float](repeating: .nan, count: rows * Self.rows)
            MatMul.linear(&out, x, weight: matrix, bias: bias, rows: rows, tileFloats: tileFloats, bfloat16Dot: false)
            let comparison = TensorComparison(actual: out, expected: expected)
            #expect(comparison.isWithin(2e-5), "\(precision) rows \(rows) tile \(tileFloats): \(comparison)")
        }
    }

    /// x rounded to bf16, as the bf16 dot product reads it.
    static func roundedToBFloat16(_ x: [Float]) -> [Float] {
        x.map { Float(bitPattern: UInt32(WeightPacking.bfloat16Bits($0)) << 16) }
    }

    /// The AVX512-BF16 path against the naive product of bf16-rounded activations and the weights
    /// as stored (bf16, or int8 times its row's scale): 31 rows (two blocks of 14 and a short one),
    /// 70 outputs (two panels of 32 and a short one), 1061 columns (past one 512-pair step, odd,
    /// with a tail after the last block of 16).
    @Test(
        .enabled(if: BFloat16Dot.isAvailable, "no AVX512-BF16 on this CPU, or PROVENANCE_PORTABLE_KERNELS=1"),
        arguments: [WeightPrecision.bfloat16, .int8], [(31, 70, 1061), (5, 40, 37), (2, 16, 16)])
    func bfloat16DotMatchesNaiveProductOfRoundedActivations(
        precision: WeightPrecision, shape: (rows: Int, outFeatures: Int, inFeatures: Int)
    ) {
        let (rows, outFeatures, inFeatures) = shape
        let floats = KernelTests.randomFloats(outFeatures * inFeatures, seed: 25, scale: 2)
        let matrix = WeightMatrix(floats: floats, rows: outFeatures, columns: inFeatures, precision: precision)
        let x = KernelTests.randomFloats(rows * inFeatures, seed: 26)
        let bias = KernelTests.randomFloats(outFeatures, seed: 27)
        let expected = Self.naiveLinear(
            Self.roundedToBFloat16(x), matrix.floats(), bias: bias, rows: rows, outFeatures: outFeatures, inFeatures: inFeatures)
        var out = [Float](repeating: .nan, count: rows * outFeatures)
        MatMul.linear(&out, x, weight: matrix, bias: bias, rows: rows, bfloat16Dot: true)
        let comparison = TensorComparison(actual: out, expected: expected)
        #expect(comparison.isWithin(1e-4), "\(precision) \(shape): \(comparison)")
        // and it is not the fp32 product: the activations really were rounded
        let unrounded = Self.naiveLinear(x, matrix.floats(), bias: bias, rows: rows, outFeatures: outFeatures, inFeatures: inFeatures)
        #expect(!TensorComparison(actual: out, expected: unrounded).isWithin(1e-4), "\(precision) \(shape)")
    }

    /// The portable SIMD kernels, and the AVX-512 ones where the CPU has them: 37 columns (a
    /// tail after two blocks) and 83 (two 32-column steps, a block of 16, a tail of 3), 41 rows
    /// (ten groups of four and one more).
    @Test(arguments: WeightPrecision.allCases, [37, 83])
    func matrixVectorKernelMatchesNaive(precision: WeightPrecision, columns: Int) {
        let rows = 41
        let matrix = WeightMatrix(
            floats: KernelTests.randomFloats(rows * columns, seed: 28, scale: 2), rows: rows, columns: columns, precision: precision)
        let x = KernelTests.randomFloats(columns, seed: 24)
        let zeros = [Float](repeating: 0, count: rows)
        let expected = Self.naiveLinear(x, matrix.floats(), bias: zeros, rows: 1, outFeatures: rows, inFeatures: columns)
        for avx512 in Set([false, QuantizedMatVec.avx512Available]) {
            var out = [Float](repeating: .nan, count: rows)
            out.withUnsafeMutableBufferPointer { o in
                x.withUnsafeBufferPointer { QuantizedMatVec.forward(o.baseAddress!, $0.baseAddress!, weight: matrix, avx512: avx512) }
            }
            let comparison = TensorComparison(actual: out, expected: expected)
            #expect(comparison.isWithin(2e-5), "\(precision) \(columns) columns, AVX-512 \(avx512): \(comparison)")
        }
    }

    @Test func chunksCoverEveryIndexOnce() {
        let counts = Mutex([Int](repeating: 0, count: 1000))
        Parallel.forEachChunk(1000, grain: 7) { range in
            counts.withLock { for i in range { $0[i] += 1 } }
        }
        #expect(counts.withLock { $0 } == [Int](repeating: 1, count: 1000))
        var ran = false
        Parallel.forEachChunk(0, grain: 1) { _ in ran = true }
        #expect(!ran)
    }
}
