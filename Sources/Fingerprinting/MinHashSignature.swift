/// A MinHash signature: one minimum per permutation, empty for a file with no tokens.
public struct MinHashSignature: Hashable, Sendable, Codable {
    /// The minima, one per permutation; empty when the shingle set was empty.
    public var values: [UInt32]

    public init(values: [UInt32]) {
        self.values = values
    }

    /// Whether the signature stands for an empty shingle set.
    public var isEmpty: Bool { values.isEmpty }

    /// The estimated Jaccard similarity of the two shingle sets: the fraction of equal minima.
    ///
    /// Two empty sets are identical (1); an empty and a non-empty set share nothing (0).
    public func estimatedJaccard(with other: MinHashSignature) -> Double {
        if isEmpty || other.isEmpty { return isEmpty && other.isEmpty ? 1 : 0 }
        precondition(values.count == other.values.count, "signatures of different lengths")
        let equal = zip(values, other.values).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(equal) / Double(values.count)
    }
}
