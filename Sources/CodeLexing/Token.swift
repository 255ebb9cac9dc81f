/// One token of a source file: its kind, where its bytes are, and where it starts.
///
/// Invariant: `start < end`, and tokens of one file are in increasing, non-overlapping
/// byte order. Lines are 1-based; columns are 1-based and count Unicode scalars
/// as `String(decoding:as: UTF8.self)` would: an invalid UTF-8 byte counts as one,
/// and so does a truncated sequence (one U+FFFD). A 50 MB line still gets exact columns.
public struct Token: Hashable, Sendable {
    /// What the token is.
    public var kind: TokenKind
    /// Offset of the token's first byte in the source.
    public var start: Int
    /// Offset one past the token's last byte.
    public var end: Int
    /// 1-based line of the first byte.
    public var line: Int32
    /// 1-based column of the first byte, in Unicode scalars.
    public var column: Int32

    public init(kind: TokenKind, start: Int, end: Int, line: Int32, column: Int32) {
        precondition(start < end, "a token has at least one byte")
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
        self.column = column
    }

    /// The token's byte range in the source.
    public var range: Range<Int> { start..<end }
}
