// The scanning steps lexers share: quoted strings, numbers and comments.
// Each moves `position` past one construct and never looks back, so all of them
// are linear, and each stops at the end of the input when its construct is
// unterminated.

extension ByteScanner {
    // MARK: - Quoted strings

    /// Moves past a quoted string whose opening quote (or `quote` three times,
    /// when `isTriple`) is at `position`.
    ///
    /// A backslash escapes the byte after it (so `\"` and a backslash-newline stay
    /// inside). A single-quoted string left open at a newline ends before that
    /// newline, so a stray quote spoils one line, not the rest of the file; a
    /// triple-quoted one left open runs to the end of the file. With
    /// `spansLines`, a single-quoted string may contain newlines, as a JavaScript
    /// template or a Go raw string does, and it too runs to the end when open.
    mutating func skipQuoted(_ quote: UInt8, isTriple: Bool = false, spansLines: Bool = false) {
        let multiline = isTriple || spansLines
        var index = position + (isTriple ? 3 : 1)
        while index < count {
            let next = bytes[index]
            if next == UInt8(ascii: "\\") {
                index += escapeLength(at: index)
            } else if next == quote {
                if !isTriple {
                    position = index + 1
                    return
                }
                if byte(at: index + 1) == quote, byte(at: index + 2) == quote {
                    position = index + 3
                    return
                }
                index += 1
            } else if next == UInt8(ascii: "\n"), !multiline {
                position = index
                return
            } else {
                index += 1
            }
        }
        position = count
    }

    /// How many bytes the backslash escape at `offset` covers, for finding where a
    /// literal ends: the backslash and the byte after it, or both bytes of a CRLF.
    @inline(__always)
    func escapeLength(at offset: Int) -> Int {
        if byte(at: offset + 1) == UInt8(ascii: "\r"), byte(at: offset + 2) == UInt8(ascii: "\n") {
            return 3
        }
        return offset + 1 < count ? 2 : 1
    }

    /// Whether the byte at `position` and the two after it are all `quote`.
    @inline(__always)
    func isAtTripleQuote(_ quote: UInt8) -> Bool {
        current == quote && peek(1) == quote && peek(2) == quote
    }

    // MARK: - Numbers

    /// Moves past a number starting at `position` (a digit, or `.` before a digit).
    ///
    /// Reads `0x`/`0o`/`0b` prefixes, `_` separators, fractions, exponents with a
    /// sign, hexadecimal floats (`0x1.8p3`) when `hexFloats`, and then any ASCII
    /// letters and digits straight after, which covers every language's suffixes
    /// (`10L`, `1.5f`, `2j`, `10n`, `1u32`) at the cost of also absorbing letters
    /// that are not a valid suffix (`1abc` is one number).
    ///
    /// A `.` after the digits belongs to the number, as Python's, Java's and
    /// JavaScript's own tokenizers have it (`1.j`, `1.f`, `1..toString()` is `1.`
    /// then `.toString`), unless `literalMethods` says the language also has ranges
    /// and methods on literals (`1..2`, `1.max(2)`, `1.times`): then a dot before a
    /// dot or a name stays out, except before an exponent (`1.e5`).
    mutating func skipNumber(hexFloats: Bool = false, literalMethods: Bool = false) {
        let radix = current == UInt8(ascii: "0") ? peek(1) | 0x20 : 0
        if radix == UInt8(ascii: "x") {
            advance(2)
            while byte(current, isIn: ByteClass.hexDigit) || current == UInt8(ascii: "_") {
                advance()
            }
            if hexFloats {
                skipHexFloatTail()
            }
        } else if radix == UInt8(ascii: "b") || radix == UInt8(ascii: "o") {
            advance(2)
        } else {
            skipDigits()
            if current == UInt8(ascii: "."), !literalMethods || dotStartsFraction() {
                advance()
                skipDigits()
            }
            skipExponent(marker: UInt8(ascii: "e"))
        }
        skip(while: ByteClass.asciiWord)
    }

    private mutating func skipDigits() {
        while byte(current, isIn: ByteClass.digit) || current == UInt8(ascii: "_") {
            advance()
        }
    }

    /// `0x1.8p3`: a hexadecimal fraction, then a binary exponent.
    private mutating func skipHexFloatTail() {
        if current == UInt8(ascii: ".") {
            advance()
            while byte(current, isIn: ByteClass.hexDigit) || current == UInt8(ascii: "_") {
                advance()
            }
        }
        skipExponent(marker: UInt8(ascii: "p"))
    }

    /// Moves past `e`/`p` (any case), an optional sign and digits, only when digits follow.
    private mutating func skipExponent(marker: UInt8) {
        guard current | 0x20 == marker else { return }
        let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
        guard byte(peek(sign ? 2 : 1), isIn: ByteClass.digit) else { return }
        advance(sign ? 2 : 1)
        skipDigits()
    }

    /// In a language with ranges and methods on literals, whether the `.` at
    /// `position` starts a fraction: before a digit, an exponent, or neither a
    /// dot nor a name (`1.` alone).
    private func dotStartsFraction() -> Bool {
        let next = peek(1)
        if byte(next, isIn: ByteClass.digit) { return true }
        if next == UInt8(ascii: ".") { return false }
        guard byte(next, isIn: ByteClass.identifierStart) else { return true }
        guard next | 0x20 == UInt8(ascii: "e") else { return false }
        let after = peek(2)
        let signed = after == UInt8(ascii: "+") || after == UInt8(ascii: "-")
        return byte(signed ? peek(3) : after, isIn: ByteClass.digit)
    }

    // MARK: - Comments

    /// Moves past a block comment whose opener (`open.count` bytes) is at `position`,
    /// through the first `close`, or to the end when it is unterminated. With
    /// `nests`, each inner opener needs its own closer (Rust, Swift, Kotlin, Scala).
    mutating func skipBlockComment(open: [UInt8], close: [UInt8], nests: Bool = false) {
        advance(open.count)
        var depth = 1
        while !isAtEnd {
            if isLooking(at: close) {
                advance(close.count)
                depth -= 1
                if depth == 0 || !nests { return }
            } else if nests, isLooking(at: open) {
                advance(open.count)
                depth += 1
            } else {
                advance()
            }
        }
    }

    /// Moves past a C-style `/* … */` comment at `position`; to the end when unterminated.
    mutating func skipSlashStarComment() {
        var index = position + 2
        while index + 1 < count {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                position = index + 2
                return
            }
            index += 1
        }
        position = count
    }
}
