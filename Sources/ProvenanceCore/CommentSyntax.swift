/// How a language writes comments: what lexers skip and what annotations write.
public struct CommentSyntax: Sendable {
    /// The line-comment introducer, e.g. `//`, `#` or `--`.
    public let line: String
    /// The block-comment delimiters, e.g. `("/*", "*/")`, when the language has them.
    public let block: (open: String, close: String)?
    /// A second line-comment introducer some languages accept (PHP's `#`).
    public let alsoLine: String?

    public init(line: String, block: (open: String, close: String)?, alsoLine: String? = nil) {
        self.line = line
        self.block = block
        self.alsoLine = alsoLine
    }
}
