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

    /// In token order; the first is always token 0 when the file has tokens.
    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
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
        self.entries = entries
    }

    /// Little-endian UInt32 quadruples (token, offset, line, column): how an index stores them.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 16)
        for entry in entries {
            for value in [UInt32(entry.token), UInt32(entry.offset), UInt32(entry.line), UInt32(entry.column)] {
                withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
            }
        }
        return bytes
    }

    /// Decodes `encoded`; nil when the bytes are not whole quadruples.
    public init?(encoded bytes: [UInt8]) {
        guard bytes.count % 16 == 0 else { return nil }
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        entries = stride(from: 0, to: bytes.count, by: 16).map { at in
            Entry(token: Int(word(at)), offset: Int(word(at + 4)), line: Int32(word(at + 8)), column: Int32(word(at + 12)))
        }
    }

    /// The last checkpoint at or before token `index`.
    public func checkpoint(atOrBefore index: Int) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].token <= index { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : entries[low - 1]
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
        guard let at = entries.firstIndex(where: { $0.token > index }) else { return nil }
        return entries[at]
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
