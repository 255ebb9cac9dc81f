/// How far a computed tensor is from a reference one, in the manner of llm.c's `check_tensor`.
public struct TensorComparison: Sendable, CustomStringConvertible {
    /// The largest `|actual[i] - expected[i]|`.
    public let maxAbsoluteDifference: Float
    /// The index where it occurs.
    public let worstIndex: Int
    /// The values there.
    public let worstActual: Float, worstExpected: Float

    /// Compares two tensors of equal length; NaN anywhere counts as an infinite difference.
    public init(actual: [Float], expected: [Float]) {
        precondition(actual.count == expected.count, "TensorComparison: \(actual.count) vs \(expected.count) values")
        var worst: Float = 0
        var index = 0
        for i in actual.indices {
            let difference = abs(actual[i] - expected[i])
            let value = difference.isNaN ? Float.infinity : difference
            if value > worst || (i == 0 && value >= worst) {
                worst = value
                index = i
            }
        }
        maxAbsoluteDifference = worst
        worstIndex = index
        worstActual = actual.isEmpty ? 0 : actual[index]
        worstExpected = expected.isEmpty ? 0 : expected[index]
    }

    /// Whether every difference is at most `tolerance`.
    public func isWithin(_ tolerance: Float) -> Bool { maxAbsoluteDifference <= tolerance }

    public var description: String {
        "max |Δ| \(maxAbsoluteDifference) at [\(worstIndex)]: \(worstActual) vs \(worstExpected)"
    }
}
