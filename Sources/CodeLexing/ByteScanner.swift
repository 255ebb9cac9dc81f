/// A forward-only cursor over a file's bytes that collects its tokens.
///
/// Every lexer drives one scanner: it looks at bytes around `position`, moves
/// `position` forward past a token, comment or whitespace, and calls
/// `emit(_:from:)` for each token. Lines and columns are not tracked per byte
/// moved but asked of a `SourceLocator` when a token is emitted; the locator
/// counts forward from the previous token, so the cost stays one pass per file.
///
/// A literal that contains code (a JavaScript template literal with `${…}`, a
/// Python f-string with `{…}`) is emitted as one string token. While such a
/// literal is open, the lexer still scans the code inside it token by token, so
/// that strings, comments and brackets inside are understood, but `emit` drops
/// those inner tokens; `closeEnclosingLiteral()` then emits the whole literal.
///
/// Invariant: `position` never decreases and never passes `count`; emitted tokens
/// are non-empty, in increasing order and do not overlap.
///
/// Noncopyable: there is one cursor per file, and a copy (of the token array,
/// say) is never what a lexer means; it also keeps unoptimized test builds from
/// copying the scanner on every byte they look at.
struct ByteScanner: ~Copyable {
    /// The source bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// How many bytes the source has.
    let count: Int
    /// The offset of the next byte to look at.
    var position = 0
    /// The tokens emitted so far.
    private(set) var tokens: [Token] = []
    private var locator = SourceLocator()
    /// Where the outermost open template literal or f-string starts, if one is open.
    private(set) var enclosingLiteralStart: Int?
    /// `ByteClass.table`, fetched once per file: a global read in the hot loops
    /// would cost a lazy-initialization check per byte.
    let classes: UnsafePointer<UInt8> = ByteClass.table

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        count = bytes.count
        // Real code averages well over four bytes per token; reserving that much
        // up front means the token array is rarely, if ever, copied while growing.
        tokens.reserveCapacity(count / 4 + 16)
        // A UTF-8 byte order mark is no code; left in, it would glue itself to the
        // first identifier, and a copy saved without one would lex differently.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
    }

    // MARK: - Looking

    /// Whether every byte has been scanned.
    @inline(__always)
    var isAtEnd: Bool { position >= count }

    /// The byte at `position`, or 0 at the end (callers that treat NUL as data check `isAtEnd`).
    @inline(__always)
    var current: UInt8 { position < count ? bytes[position] : 0 }

    /// The byte `distance` bytes after `position`, or 0 past the end.
    @inline(__always)
    func peek(_ distance: Int) -> UInt8 {
        byte(at: position + distance)
    }

    /// The byte at `offset`, or 0 past the end.
    @inline(__always)
    func byte(at offset: Int) -> UInt8 {
        offset < count ? bytes[offset] : 0
    }

    /// Whether `byte` has any of the `ByteClass` bits in `mask`.
    @inline(__always)
    func byte(_ byte: UInt8, isIn mask: UInt8) -> Bool {
        classes[Int(byte)] & mask != 0
    }

    /// Whether the bytes at `position` are `literal`.
    func isLooking(at literal: [UInt8]) -> Bool {
        guard position + literal.count <= count else { return false }
        for index in 0..<literal.count where bytes[position + index] != literal[index] {
            return false
        }
        return true
    }

    // MARK: - Moving

    /// Moves forward `distance` bytes, stopping at the end.
    @inline(__always)
    mutating func advance(_ distance: Int = 1) {
        position = min(position + distance, count)
    }

    /// Moves past every byte whose class has a bit of `mask`.
    @inline(__always)
    mutating func skip(while mask: UInt8) {
        var index = position
        while index < count, classes[Int(bytes[index])] & mask != 0 {
            index += 1
        }
        position = index
    }

    /// Moves to the next `\n` (not past it), or to the end.
    mutating func skipToEndOfLine() {
        var index = position
        while index < count, bytes[index] != UInt8(ascii: "\n") {
            index += 1
        }
        position = index
    }

    // MARK: - Emitting

    /// Emits a token of `kind` from `start` up to `position`.
    ///
    /// Dropped while an enclosing literal is open: its inner code belongs to it.
    @inline(__always)
    mutating func emit(_ kind: TokenKind, from start: Int) {
        guard enclosingLiteralStart == nil else { return }
        let location = locator.location(of: start, in: bytes)
        tokens.append(Token(kind: kind, start: start, end: position, line: location.line, column: location.column))
    }

    /// Emits one operator token at `position`, as long as `table` matches (at least one byte).
    mutating func emitOperator(using table: OperatorTable) {
        let start = position
        advance(table.matchLength(at: position, in: bytes))
        emit(.operator, from: start)
    }

    /// Starts an outermost literal with code inside at `start`; inner tokens are dropped until it closes.
    mutating func openEnclosingLiteral(at start: Int) {
        precondition(enclosingLiteralStart == nil, "enclosing literals do not nest; nested ones are inner tokens")
        enclosingLiteralStart = start
    }

    /// Emits the open enclosing literal as one string token ending at `position`.
    mutating func closeEnclosingLiteral() {
        guard let start = enclosingLiteralStart else { return }
        enclosingLiteralStart = nil
        emit(.string, from: start)
    }

    /// The tokens, after closing a literal left open at the end (it runs to the end of the file).
    mutating func finish() -> [Token] {
        position = count
        closeEnclosingLiteral()
        return tokens
    }
}
