import CodeLexing
import Fingerprinting
import IndexStore
import ProvenanceCore

/// A lexed file with its token symbols in both views: one side of an alignment.
struct LexedDocument: Sendable {
    let bytes: [UInt8]
    let language: Language
    let tokens: [Token]
    /// Token symbols, indexed by `TokenView.rawValue`.
    let symbols: [[UInt64]]

    /// File index of `tokens[0]`: non-zero when only a window of the file was lexed.
    let first: Int
    /// Whether `tokens` run to the file's end (false when only a window of it was lexed).
    let reachesEnd: Bool

    init(bytes: [UInt8], language: Language, hasher: TokenHasher) {
        let tokens = bytes.withUnsafeBufferPointer { language.lexer.tokens(in: $0) }
        self.init(bytes: bytes, language: language, tokens: tokens, first: 0, reachesEnd: true, hasher: hasher)
    }

    /// The tokens of a stored file that cover file token indices `window`, lexed from its checkpoints.
    init(content: StoredContent, window: Range<Int>, hasher: TokenHasher) {
        let (first, tokens) = content.bytes.withUnsafeBufferPointer { buffer in
            content.language.lexer.tokens(in: buffer, covering: window, checkpoints: content.checkpoints)
        }
        self.init(
            bytes: content.bytes, language: content.language, tokens: tokens, first: first,
            reachesEnd: content.checkpoints.bytes(covering: window, size: content.bytes.count).upperBound == content.bytes.count,
            hasher: hasher)
    }

    private init(bytes: [UInt8], language: Language, tokens: [Token], first: Int, reachesEnd: Bool, hasher: TokenHasher) {
        self.bytes = bytes
        self.language = language
        self.tokens = tokens
        self.first = first
        self.reachesEnd = reachesEnd
        let exact = bytes.withUnsafeBufferPointer { hasher.symbols(of: tokens, in: $0, view: .exact) }
        symbols = TokenView.allCases.map { $0 == .exact ? exact : hasher.normalizedSymbols(of: tokens, exact: exact) }
    }

    func symbols(_ view: TokenView) -> [UInt64] { symbols[Int(view.rawValue)] }

    /// The lines a run of tokens covers, counting newlines inside its last token.
    func lines(of range: Range<Int>) -> LineRange {
        let first = tokens[range.lowerBound]
        let last = tokens[range.upperBound - 1]
        let inside = bytes[last.start..<last.end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return LineRange(startLine: Int(first.line), endLine: Int(last.line) + inside)
    }

    /// The line a token ends on (a multi-line string ends below its first line).
    func lastLine(of index: Int) -> Int32 {
        let token = tokens[index]
        return token.line + Int32(bytes[token.start..<token.end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
    }

    /// Unicode scalars from the first token's start to the last token's end.
    func characters(of range: Range<Int>) -> Int {
        bytes[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end].reduce(0) {
            $0 + ($1 & 0xC0 == 0x80 ? 0 : 1)
        }
    }
}
