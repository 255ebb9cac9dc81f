/// Turns byte offsets into 1-based lines and columns, counting each byte once.
///
/// The locator keeps the line and column of the last offset it was asked about
/// and counts forward from there, so asking about every token of a file costs
/// one pass over its bytes in total, even when the whole file is one 50 MB line.
/// It never recounts from the start of a line.
///
/// Lines end at `\n` only (a `\r` counts as a column). Columns count Unicode
/// scalars the way Swift decodes bytes into a `String`: a valid UTF-8 sequence is
/// one column, and so is each maximal invalid subpart (a stray continuation byte,
/// or a truncated sequence), which Swift would replace by one U+FFFD.
///
/// Invariant: offsets asked about never decrease.
struct SourceLocator {
    /// A 1-based line and column.
    struct Location {
        var line: Int32
        var column: Int32
    }

    /// The offset up to which bytes have been counted; it may lie one scalar past
    /// the last offset asked about, when that offset fell inside a scalar.
    private var countedOffset = 0
    private var line = 1
    /// The column of the byte at `countedOffset`.
    private var column = 1

    /// The line and column of the byte at `offset`.
    ///
    /// An offset inside a multi-byte scalar gets that scalar's column. Values past
    /// `Int32.max` are clamped rather than trapping: a lexer never crashes on size.
    mutating func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Location {
        var index = countedOffset
        var line = self.line
        var column = self.column
        while index < offset {
            // Eight ASCII bytes without a newline are eight columns: the common
            // case, in comments and long tokens, counted a word at a time.
            if offset - index >= 8 {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if !Self.hasNonASCIIOrNewline(word) {
                    column += 8
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            } else {
                index += Self.scalarLength(at: index, in: bytes)
                column += 1
            }
        }
        countedOffset = index
        self.line = line
        self.column = column
        let reported = index > offset ? column - 1 : column
        return Location(line: Self.clamped(line), column: Self.clamped(reported))
    }

    @inline(__always)
    private static func clamped(_ value: Int) -> Int32 {
        Int32(truncatingIfNeeded: min(value, Int(Int32.max)))
    }

    /// Whether any byte of `word` is non-ASCII or a newline (the classic
    /// has-a-zero-byte test, applied to the word XOR newlines).
    @inline(__always)
    private static func hasNonASCIIOrNewline(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let newlines = word ^ (ones &* 0x0A)
        let newlineBytes = (newlines &- ones) & ~newlines & highBits
        return (word & highBits) | newlineBytes != 0
    }

    /// How many bytes the scalar (or maximal invalid subpart) at `index` spans;
    /// at least one. Byte ranges follow the Unicode standard's table of
    /// well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
    @inline(__always)
    static func scalarLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: return 1  // a stray continuation byte or a byte that never starts a scalar
        }
        // Only the second byte has a narrowed range; the rest are plain continuations.
        var consumed = 1
        while consumed < length, index + consumed < bytes.count {
            let byte = bytes[index + consumed]
            guard byte >= low, byte <= high else { break }
            consumed += 1
            low = 0x80
            high = 0xBF
        }
        return consumed
    }
}
