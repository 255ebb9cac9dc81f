// Template literals and regex literals: the two JavaScript literals whose end
// cannot be found by looking for a closing quote alone.
//
// A template's `${…}` holds code, which may hold braces, strings, comments and
// further templates. The pass keeps a stack of frames instead of recursing:
//   `a${        [text, substitution]       code inside is scanned, not emitted
//   {           [text, substitution(1)]    braces inside are counted
//   `b${x}`     [text, substitution(1), text, …]  and popped again
//   }}`         []                         the whole template is one token

extension JavaScriptLexer {
    /// One level of an open template literal.
    struct TemplateFrame {
        /// Whether this is the template's text (else a `${…}` substitution's code).
        let isText: Bool
        /// In a substitution: how many braces opened inside it are still open.
        var depth = 0
    }
}

extension JavaScriptLexer.Pass {
    // MARK: - Template literals

    /// Opens a template literal whose backtick is at `start`.
    mutating func openTemplate(at start: Int) {
        if frames.isEmpty {
            scanner.openEnclosingLiteral(at: start)
        }
        frames.append(JavaScriptLexer.TemplateFrame(isText: true))
        scanner.advance()
    }

    /// Moves through the innermost template's text until a substitution opens,
    /// the template closes, or the input ends.
    mutating func scanTemplateText() {
        let bytes = scanner.bytes
        var index = scanner.position
        while index < scanner.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += scanner.escapeLength(at: index)
            case UInt8(ascii: "`"):
                scanner.position = index + 1
                frames.removeLast()
                if frames.isEmpty {
                    scanner.closeEnclosingLiteral()
                }
                regexAllowed = false
                return
            case UInt8(ascii: "$") where scanner.byte(at: index + 1) == UInt8(ascii: "{"):
                scanner.position = index + 2
                frames.append(JavaScriptLexer.TemplateFrame(isText: false))
                regexAllowed = true
                return
            default:
                index += 1
            }
        }
        scanner.position = scanner.count
    }

    // MARK: - Regex literals

    /// Emits the regex literal whose `/` is at `start`, flags included, and returns
    /// true; or returns false, moving nothing, when no `/` closes it on this line.
    mutating func scanRegex(from start: Int) -> Bool {
        let bytes = scanner.bytes
        var index = start + 1
        var inClass = false
        scan: while index < scanner.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                break scan
            case UInt8(ascii: "\\"):
                let next = scanner.byte(at: index + 1)
                if next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                    index += 1
                    break scan
                }
                index += 2
            case UInt8(ascii: "["):
                inClass = true
                index += 1
            case UInt8(ascii: "]"):
                inClass = false
                index += 1
            case UInt8(ascii: "/") where !inClass:
                scanner.position = index + 1
                scanner.skip(while: ByteClass.identifierPart)
                scanner.emit(.string, from: start)
                regexAllowed = false
                return true
            default:
                index += 1
            }
        }
        // Every byte up to here was looked at once; no later `/` before it may
        // start a regex, or a line of `+/+/+/…` would be scanned again per slash.
        regexBarrier = min(index, scanner.count)
        return false
    }
}
