import CodeLexing
import Fingerprinting
import ProvenanceCore

/// A lexed file with its token symbols in both views: one side of an alignment.
struct LexedDocument: Sendable {
    let bytes: [UInt8]
    let language: Language
    let tokens: [Token]
    /// Token symbols, indexed by `TokenView.rawValue`.
    let symbols: [[UInt64]]

    init(bytes: [UInt8], language: Language, hasher: TokenHasher) {
        self.bytes = bytes
        self.language = language
        let tokens = bytes.withUnsafeBufferPointer { language.lexer.tokens(in: $0) }
        self.tokens = tokens
        symbols = bytes.withUnsafeBufferPointer { buffer in
            TokenView.allCases.map { hasher.symbols(of: tokens, in: buffer, view: $0) }
        }
    }

    func symbols(_ view: TokenView) -> [UInt64] { symbols[Int(view.rawValue)] }

    /// The lines a run of tokens covers, counting newlines inside its last token.
    func lines(of range: Range<Int>) -> LineRange {
        let first = tokens[range.lowerBound]
        let last = tokens[range.upperBound - 1]
        let inside = bytes[last.start..<last.end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return LineRange(startLine: Int(first.line), endLine: Int(last.line) + inside)
    }

    /// Unicode scalars from the first token's start to the last token's end.
    func characters(of range: Range<Int>) -> Int {
        bytes[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end].reduce(0) {
            $0 + ($1 & 0xC0 == 0x80 ? 0 : 1)
        }
    }
}
