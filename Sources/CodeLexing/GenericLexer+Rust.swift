// Rust's string forms, which the generic rules would misread: raw strings have
// no escapes and may contain quotes, and a lone `'` is usually a lifetime.

extension GenericLexer {
    /// Scans a Rust string whose prefix (`r`, `br`, `cr`, `b`, `c`) is at
    /// `prefixStart` and ends at `position`, as one token; returns false, moving
    /// nothing, when no string follows the prefix.
    func scanRustPrefixedString(_ scanner: inout ByteScanner, prefixStart: Int) -> Bool {
        var isRaw = false
        for offset in prefixStart..<scanner.position {
            switch scanner.bytes[offset] {
            case UInt8(ascii: "r"): isRaw = true
            case UInt8(ascii: "b"), UInt8(ascii: "c"): guard offset == prefixStart else { return false }
            default: return false
            }
        }
        var hashes = 0
        while isRaw, scanner.byte(at: scanner.position + hashes) == UInt8(ascii: "#") {
            hashes += 1
        }
        guard scanner.byte(at: scanner.position + hashes) == UInt8(ascii: "\""),
            isRaw || scanner.position - prefixStart == 1
        else { return false }
        if isRaw {
            scanner.advance(hashes + 1)
            skipRawStringBody(&scanner, hashes: hashes)
        } else {
            scanner.skipQuoted(UInt8(ascii: "\""), spansLines: true)
        }
        scanner.emit(.string, from: prefixStart)
        return true
    }

    /// Moves past a raw string's body and its closing `"` with `hashes` `#`s (no
    /// escapes inside), or to the end when it is unterminated.
    func skipRawStringBody(_ scanner: inout ByteScanner, hashes: Int) {
        while !scanner.isAtEnd {
            let byte = scanner.current
            scanner.advance()
            guard byte == UInt8(ascii: "\"") else { continue }
            var closing = 0
            while closing < hashes, scanner.byte(at: scanner.position + closing) == UInt8(ascii: "#") {
                closing += 1
            }
            if closing == hashes {
                scanner.advance(hashes)
                return
            }
        }
    }

    /// Whether the `'` at `position` starts a Rust lifetime or label (`'a`,
    /// `'outer:`) rather than a char literal (`'a'`): a name follows that no `'` closes.
    func startsLifetime(_ scanner: borrowing ByteScanner) -> Bool {
        var index = scanner.position + 1
        guard scanner.byte(scanner.byte(at: index), isIn: ByteClass.identifierStart) else { return false }
        while index < scanner.count, scanner.byte(scanner.bytes[index], isIn: ByteClass.identifierPart) {
            index += 1
        }
        return scanner.byte(at: index) != UInt8(ascii: "'")
    }
}
