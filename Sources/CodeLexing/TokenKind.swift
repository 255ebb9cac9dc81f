/// What a token is. Whitespace and comments are never tokens.
public enum TokenKind: UInt8, Sendable, CaseIterable, Codable {
    case identifier
    case keyword
    case number
    case string
    /// Operators and punctuation: `+`, `>>=`, `(`, `;`, `@`, `=>`.
    case `operator`

    /// The short name `provenance lex` prints.
    public var name: String {
        switch self {
        case .identifier: "identifier"
        case .keyword: "keyword"
        case .number: "number"
        case .string: "string"
        case .operator: "operator"
        }
    }
}
