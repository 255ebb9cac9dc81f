/// How a reported span relates to its source.
public enum MatchKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// The same tokens: only whitespace, comments and layout may differ.
    case exact
    /// The same normalized tokens: identifiers or literals differ.
    case renamed
    /// A near copy: long shared runs separated by small insertions or deletions.
    case edited

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// `exact` < `renamed` < `edited`: the closer the copy, the smaller.
    public static func < (lhs: MatchKind, rhs: MatchKind) -> Bool { lhs.rank < rhs.rank }
}
