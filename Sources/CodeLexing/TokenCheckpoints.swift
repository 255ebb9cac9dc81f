import ProvenanceCore

/// Places in a file where lexing can restart: the byte offset, line and column of
/// about every `spacing`-th token.
///
/// Lexers keep no state between tokens that changes how the next one is read —
/// strings, f-strings, template literals and text blocks are single tokens, and
/// comments lie between tokens — so lexing from a token's first byte gives the same
/// tokens as lexing the whole file. The one exception is a leading `/` in JavaScript
/// (regex or division depends on the token before), so no checkpoint is placed on a
/// token that starts with `/`. With checkpoints, a window of a large stored file
/// costs the window, not the file.
public struct TokenCheckpoints: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var token: Int
        public var offset: Int
        public var line: Int32
        public var column: Int32
    }

    /// Tokens between checkpoints (at least; a checkpoint moves past tokens starting with `/`).
    ///
    /// Lexing a window starts at the checkpoint before it and stops at the one after it:
    /// the query path's narrow windows (a few dozen tokens) cost about twice their size at
    /// this spacing, against five times at 128, for 16 bytes per 32 tokens stored.
    public static let spacing = 32

    /// Each checkpoint's token, offset, line and column, in token order: the first is
    /// always token 0 when the file has tokens. Packed as the index stores them, so
    /// reading a stored file's checkpoints is one copy, and a lookup decodes two entries.
    private let words: [UInt32]

    /// In token order; the first is always token 0 when the file has tokens.
    public var entries: [Entry] { (0..<count).map(entry) }

    public var count: Int { words.count / 4 }

    public init(entries: [Entry]) {
        words = entries.flatMap { [UInt32($0.token), UInt32($0.offset), UInt32(bitPattern: $0.line), UInt32(bitPattern: $0.column)] }
    }

    /// The checkpoints of a lexed file.
    public init(tokens: [Token], in source: UnsafeBufferPointer<UInt8>) {
        var entries: [Entry] = []
        var next = 0
        // The file's start is always a checkpoint: it is where a whole-file lex starts too.
        for (index, token) in tokens.enumerated() where index >= next && (index == 0 || source[token.start] != UInt8(ascii: "/")) {
            entries.append(Entry(token: index, offset: token.start, line: token.line, column: token.column))
            next = (index / Self.spacing + 1) * Self.spacing
        }
        self.init(entries: entries)
    }

    /// Little-endian UInt32 quadruples (token, offset, line, column): how an index stores them.
    public var encoded: [UInt8] {
        words.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    /// Decodes `encoded`; nil when the bytes are not whole quadruples.
    public init?(encoded bytes: [UInt8]) {
        self.init(encoded: bytes.withUnsafeBytes { UnsafeRawBufferPointer($0) })
    }

    /// Decodes stored checkpoints in place (a blob SQLite holds); nil when the bytes are
    /// not whole quadruples.
    public init?(encoded bytes: UnsafeRawBufferPointer) {
        guard bytes.count % 16 == 0 else { return nil }
        words = (0..<(bytes.count / 4)).map { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
    }

    private func entry(_ index: Int) -> Entry {
        Entry(
            token: Int(words[4 * index]), offset: Int(words[4 * index + 1]),
            line: Int32(bitPattern: words[4 * index + 2]), column: Int32(bitPattern: words[4 * index + 3]))
    }

    /// How many checkpoints are at or before token `index`.
    private func countAtOrBefore(_ index: Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if Int(words[4 * middle]) <= index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The last checkpoint at or before token `index`.
    public func checkpoint(atOrBefore index: Int) -> Entry? {
        let before = countAtOrBefore(index)
        return before == 0 ? nil : entry(before - 1)
    }

    /// The bytes `CodeLexer.tokens(in:covering:checkpoints:)` lexes to cover token indices
    /// `window` of a file of `size` bytes: from the checkpoint at or before the window to
    /// the one after it (the whole file when none is before it, the end when none is after).
    public func bytes(covering window: Range<Int>, size: Int) -> Range<Int> {
        guard let start = checkpoint(atOrBefore: window.lowerBound) else { return 0..<size }
        return start.offset..<(checkpoint(after: max(window.lowerBound, window.upperBound - 1))?.offset ?? size)
    }

    /// The first checkpoint after token `index`.
    public func checkpoint(after index: Int) -> Entry? {
        let before = countAtOrBefore(index)
        return before == count ? nil : entry(before)
    }
}

extension CodeLexer {
    /// The tokens of `source` that cover token indices `window`, lexed from the
    /// checkpoint before it to the checkpoint after it (or the end), with file-absolute
    /// byte offsets, lines and columns; `first` is the file index of the first one.
    public func tokens(
        in source: UnsafeBufferPointer<UInt8>, covering window: Range<Int>, checkpoints: TokenCheckpoints
    ) -> (first: Int, tokens: [Token]) {
        guard let start = checkpoints.checkpoint(atOrBefore: window.lowerBound) else { return (0, tokens(in: source)) }
        let slice = UnsafeBufferPointer(rebasing: source[checkpoints.bytes(covering: window, size: source.count)])
        let relative = tokens(in: slice)
        return (start.token, relative.map { token in
            Token(
                kind: token.kind, start: token.start + start.offset, end: token.end + start.offset,
                line: token.line + start.line - 1, column: token.line == 1 ? token.column + start.column - 1 : token.column)
        })
    }
}
