/// The two views of a token stream that fingerprints are taken over.
///
/// The exact view keeps every token's text, so it tells an exact copy. The
/// normalized view replaces identifiers, strings and numbers by their class and
/// keeps keywords and operators, so a copy with renamed variables or changed
/// literals still matches.
public enum TokenView: UInt8, Sendable, CaseIterable, Codable {
    case exact = 0
    case normalized = 1

    /// Whether this view keeps a token of `kind` as its text (otherwise: as its class).
    public func keepsText(of kind: TokenKind) -> Bool {
        switch self {
        case .exact: true
        case .normalized: kind == .keyword || kind == .operator
        }
    }

    /// The name used on the command line and in index metadata.
    public var name: String {
        switch self {
        case .exact: "exact"
        case .normalized: "normalized"
        }
    }
}
