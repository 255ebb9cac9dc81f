/// What a policy does with a match: the verdict of a file is its strongest action.
public enum PolicyAction: String, Sendable, Codable, CaseIterable, Comparable {
    /// Let it through silently.
    case allow
    /// Let it through with its attribution (source, license).
    case annotate
    /// Refuse it: `check` exits 1, the gate retries or returns nothing.
    case block

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: PolicyAction, rhs: PolicyAction) -> Bool { lhs.rank < rhs.rank }
}
