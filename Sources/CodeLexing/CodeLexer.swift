import ProvenanceCore

/// A capability: turning a file's bytes into tokens.
///
/// Invariant: total and linear. Every byte sequence — invalid UTF-8, NUL bytes,
/// unterminated strings or comments, one 50 MB line, 10,000 nested brackets —
/// yields tokens in time linear in its length; lexers never recurse per nesting
/// level and never look back more than a bounded distance.
public protocol CodeLexer: Sendable {
    /// The language this lexer reads.
    var language: Language { get }

    /// The tokens of `source`, in byte order.
    func tokens(in source: UnsafeBufferPointer<UInt8>) -> [Token]
}

extension CodeLexer {
    /// The tokens of `source`, in byte order.
    public func tokens(in source: [UInt8]) -> [Token] {
        source.withUnsafeBufferPointer { tokens(in: $0) }
    }

    /// The tokens of a string's UTF-8 bytes.
    public func tokens(in source: String) -> [Token] {
        tokens(in: Array(source.utf8))
    }
}
