import Foundation
import ProvenanceTestSupport
import Testing

@testable import BigCodeRuntime

/// Each kernel against a naive reference written for clarity, in Double where it matters.
@Suite struct KernelTests {
    static func randomFloats(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float.random(in: -scale...scale, using: &generator) }
    }

    @Test(arguments: [1, 5])
    func linearMatchesNaiveProduct(rows: Int) {
        let (inFeatures, outFeatures) = (7, 11)
        let x = Self.randomFloats(rows * inFeatures, seed: 1)
        let weight = Self.randomFloats(outFeatures * inFeatures, seed: 2)
        let bias = Self.randomFloats(outFeatures, seed: 3)
        var out = [Float](repeating: .nan, count: rows * outFeatures)
        MatMul.linear(&out, x, weight: weight, bias: bias, rows: rows, inFeatures: inFeatures, outFeatures: outFeatures)
        var expected = [Float](repeating: 0, count: rows * outFeatures)
        for t in 0..<rows {
            for o in 0..<outFeatures {
                var sum = Double(bias[o])
                for i in 0..<inFeatures { sum += Double(x[t * inFeatures + i]) * Double(weight[o * inFeatures + i]) }
                expected[t * outFeatures + o] = Float(sum)
            }
        }
        let comparison = TensorComparison(actual: out, expected: expected)
        #expect(comparison.isWithin(1e-5), "\(comparison)")
    }

    @Test func transposeSwapsRowsAndColumns() {
        var out = [Float](repeating: 0, count: 6)
        MatMul.transpose(&out, [1, 2, 3, 4, 5, 6], rows: 2, columns: 3)
        #expect(out == [1, 4, 2, 5, 3, 6])
    }

    @Test func layerNormMatchesNaive() {
        let (rows, channels) = (3, 16)
        let x = Self.randomFloats(rows * channels, seed: 4, scale: 3)
        let weight = Self.randomFloats(channels, seed: 5)
        let bias = Self.randomFloats(channels, seed: 6)
        var out = [Float](repeating: 0, count: rows * channels)
        LayerNorm.forward(&out, x, weight: weight, bias: bias, rows: rows, channels: channels, epsilon: 1e-5)
        var expected = [Float]()
        for t in 0..<rows {
            let row = x[(t * channels)..<((t + 1) * channels)].map(Double.init)
            let mean = row.reduce(0, +) / Double(channels)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(channels)
            for c in 0..<channels {
                expected.append(Float((row[c] - mean) / (variance + 1e-5).squareRoot() * Double(weight[c]) + Double(bias[c])))
            }
        }
        let comparison = TensorComparison(actual: out, expected: expected)
        #expect(comparison.isWithin(1e-5), "\(comparison)")
    }

    @Test func geluMatchesBothDefinitions() {
        let x = Self.randomFloats(64, seed: 7, scale: 6)
        var tanhForm = x
        GELU.tanhApproximation(&tanhForm, count: x.count)
        var exactForm = x
        GELU.exact(&exactForm, count: x.count)
        let tanhExpected = x.map { v -> Float in
            let d = Double(v)
            return Float(0.5 * d * (1 + tanh((2 / Double.pi).squareRoot() * (d + 0.044715 * d * d * d))))
        }
        let exactExpected = x.map { v in Float(0.5 * Double(v) * (1 + erf(Double(v) / 2.0.squareRoot()))) }
        #expect(TensorComparison(actual: tanhForm, expected: tanhExpected).isWithin(1e-6))
        #expect(TensorComparison(actual: exactForm, expected: exactExpected).isWithin(1e-6))
        // the two forms differ by up to ~1e-3 near |x| = 2, so a swapped activation is caught
        #expect(!TensorComparison(actual: tanhForm, expected: exactExpected).isWithin(1e-4))
    }

    @Test func softmaxMatchesNaiveAndIgnoresOutsideRange() {
        var x: [Float] = [9, 1, 2, 3, 1000, 9]
        Softmax.forward(&x, offset: 1, count: 4)
        let logits: [Double] = [1, 2, 3, 1000]
        let maximum = logits.max()!
        let sum = logits.map { exp($0 - maximum) }.reduce(0, +)
        let expected = [9] + logits.map { Float(exp($0 - maximum) / sum) } + [9]
        #expect(TensorComparison(actual: x, expected: expected).isWithin(1e-7))
    }

    /// 70 new tokens after 5 cached cross a 64-row query block, so the second block's products
    /// see more keys than the first's.
    @Test(arguments: [
        (heads: 4, keyValueHeads: 1, tokens: 3), (heads: 4, keyValueHeads: 4, tokens: 3),
        (heads: 4, keyValueHeads: 2, tokens: 3), (heads: 4, keyValueHeads: 1, tokens: 70),
        (heads: 2, keyValueHeads: 2, tokens: 70),
    ])
    func attentionMatchesNaive(heads: Int, keyValueHeads: Int, tokens: Int) {
        let (past, headSize) = (tokens > Attention.blockRows ? 5 : 2, 5)
        let seen = past + tokens
        let queryStride = heads * headSize + 3  // rows wider than the heads, as in the fused qkv buffer
        let query = Self.randomFloats(tokens * queryStride, seed: 8)
        let keys = Self.randomFloats(seen * keyValueHeads * headSize, seed: 9)
        let values = Self.randomFloats(seen * keyValueHeads * headSize, seed: 10)
        let scale = 1 / Float(headSize).squareRoot()
        var out = [Float](repeating: .nan, count: tokens * heads * headSize)
        let shape = Attention.Shape(tokens: tokens, past: past, heads: heads, keyValueHeads: keyValueHeads, headSize: headSize)
        Attention.forward(&out, query: query, queryRowStride: queryStride, keys: keys, values: values, shape: shape, scale: scale)

        var expected = [Float](repeating: 0, count: out.count)
        let kvStride = keyValueHeads * headSize
        for t in 0..<tokens {
            for h in 0..<heads {
                let g = h / (heads / keyValueHeads)
                let visible = past + t + 1
                let raw = (0..<visible).map { s in
                    (0..<headSize).reduce(0.0) { $0 + Double(query[t * queryStride + h * headSize + $1]) * Double(keys[s * kvStride + g * headSize + $1]) }
                        * Double(scale)
                }
                let maximum = raw.max()!
                let weights = raw.map { exp($0 - maximum) }
                let total = weights.reduce(0, +)
                for d in 0..<headSize {
                    let value = (0..<visible).reduce(0.0) { $0 + weights[$1] / total * Double(values[$1 * kvStride + g * headSize + d]) }
                    expected[t * heads * headSize + h * headSize + d] = Float(value)
                }
            }
        }
        let comparison = TensorComparison(actual: out, expected: expected)
        #expect(comparison.isWithin(1e-6), "\(comparison)")
    }

    @Test func softmaxVectorisedMatchesNaive() {
        var x = Self.randomFloats(37, seed: 11, scale: 10)  // four 8-lane vectors and a tail
        let logits = x.map(Double.init)
        Softmax.forward(&x, offset: 0, count: x.count)
        let maximum = logits.max()!
        let sum = logits.map { exp($0 - maximum) }.reduce(0, +)
        let expected = logits.map { Float(exp($0 - maximum) / sum) }
        let comparison = TensorComparison(actual: x, expected: expected)
        #expect(comparison.isWithin(1e-7), "\(comparison)")
    }

    @Test func vectorExpIsWithinFourUlps() {
        var worst: Double = 0
        for i in 0..<2000 {
            let value = -87 + Float(i) * 175 / 2000
            let actual = VectorMath.exp(SIMD8<Float>(repeating: value))[3]
            worst = max(worst, abs(Double(actual) / Foundation.exp(Double(value)) - 1))
        }
        #expect(worst < 4 * Double(Float.ulpOfOne), "worst relative error \(worst)")
        #expect(VectorMath.exp(SIMD8<Float>(repeating: -1000))[0] > 0)
        #expect(VectorMath.exp(SIMD8<Float>(repeating: 1000))[0].isFinite)
    }

    @Test func geluHandlesTailsAndLargeInputs() {
        let x = Self.randomFloats(1003, seed: 12, scale: 12)
        var out = x
        GELU.tanhApproximation(&out, count: x.count)
        let expected = x.map { v -> Float in
            let d = Double(v)
            return Float(0.5 * d * (1 + tanh((2 / Double.pi).squareRoot() * (d + 0.044715 * d * d * d))))
        }
        let comparison = TensorComparison(actual: out, expected: expected)
        #expect(comparison.isWithin(2e-6), "\(comparison)")
    }

    @Test func halfPrecisionBitsConvert() {
        #expect(DTypeConversion.halfToFloat(0x3C00) == 1)
        #expect(DTypeConversion.halfToFloat(0xC000) == -2)
        #expect(DTypeConversion.halfToFloat(0x7BFF) == 65504)
        #expect(DTypeConversion.halfToFloat(0x0001) == 0x1p-24)
        #expect(DTypeConversion.halfToFloat(0x8000).sign == .minus)
        #expect(DTypeConversion.halfToFloat(0x7C00) == .infinity)
        #expect(DTypeConversion.halfToFloat(0x7E00).isNaN)
        let bytes: [UInt8] = [0x80, 0x3F, 0x00, 0xC0]  // bfloat16 1.0 and -2.0, little-endian
        let floats = bytes.withUnsafeBytes { DTypeConversion.floats(from: $0, type: .bfloat16, count: 2) }
        #expect(floats == [1, -2])
    }
}
