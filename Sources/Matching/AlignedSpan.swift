import ProvenanceCore

/// A verified span between a query and one stored content, in token positions.
///
/// Invariant: `query` and `source` are non-empty; for `exact` and `renamed` they have
/// equal length and the tokens correspond one to one.
struct AlignedSpan: Sendable, Hashable {
    var query: Range<Int>
    var source: Range<Int>
    var kind: MatchKind
    /// Tokens that correspond exactly or after normalization.
    var sharedTokens: Int
    /// Maximal runs of corresponding tokens the span was chained from.
    var runs: Int

    /// Shared tokens divided by the longer side's length.
    var similarity: Double {
        Double(sharedTokens) / Double(max(query.count, source.count))
    }
}
