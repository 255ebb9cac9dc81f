import ProvenanceCore

/// The lexer for Python 3 source (Python 2 files lex too, as tokens of the same kinds).
///
/// - Keywords are Python's 35 hard keywords. The soft keywords `match`, `case`,
///   `type` and `_` are identifiers: they are ordinary names in most code
///   (`match = pattern.match(line)`), and telling them apart needs a parser; an
///   identifier in both the corpus and the query still matches.
/// - A string with any prefix (`r`, `b`, `u`, `f`, `t`, `rb`, `br`, `fr`, `rf`,
///   `tr`, `rt`, any case), single or triple quoted, is one string token, prefix
///   included. An f-string (or 3.14 t-string) is one token too, however deeply
///   its replacement fields nest: `f"{x:{w}} {d["k"]!r} {{"` is one token,
///   including Python 3.12 nested quotes of the same kind, nested format specs,
///   `{{`/`}}` escapes and `\N{NAME}` escapes.
/// - `#` comments and backslash-newline continuations are skipped like whitespace.
/// - Numbers cover hex/octal/binary, `_`, fractions, exponents and `j`.
/// - `@` (decorator or matrix product) is an operator; so is each byte no rule
///   claims (`$`, `?`, `!`, a stray `\`, control bytes), one byte per token.
///
/// A single-quoted string left open at the end of a line ends there; a
/// triple-quoted string or an f-string with an open replacement field runs to the
/// end of the file (Python 3.12 lets replacement fields span lines).
public struct PythonLexer: CodeLexer {
    public init() {}

    public var language: Language { .python }

    public func tokens(in source: UnsafeBufferPointer<UInt8>) -> [Token] {
        var pass = Pass(scanner: ByteScanner(source))
        return pass.run()
    }

    static let keywords = KeywordTable([
        "False", "None", "True", "and", "as", "assert", "async", "await", "break",
        "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
        "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
        "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ])

    static let operators = OperatorTable([
        "**=", "//=", ">>=", "<<=", "...",
        "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "->", ":=",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
    ])
}

// MARK: - The pass over one file

extension PythonLexer {
    /// The state of lexing one file: the scanner and the open f-string frames.
    struct Pass: ~Copyable {
        var scanner: ByteScanner
        /// Open f-strings, replacement fields and format specs, innermost last.
        /// Empty outside f-strings. An explicit stack, so nesting costs no recursion.
        var frames: [FStringFrame] = []
        // The tables, fetched once per file rather than per token (a static read
        // costs a lazy-initialization check each time).
        private let keywords = PythonLexer.keywords
        private let operators = PythonLexer.operators

        mutating func run() -> [Token] {
            while !scanner.isAtEnd {
                if let top = frames.last, top.kind != .field {
                    scanFStringText()
                } else {
                    scanCode()
                }
            }
            return scanner.finish()
        }

        /// Moves past one token, comment or run of whitespace of code (at top
        /// level or inside a replacement field).
        private mutating func scanCode() {
            let start = scanner.position
            let byte = scanner.current
            let byteClass = scanner.classes[Int(byte)]
            if byteClass & ByteClass.whitespace != 0 {
                scanner.skip(while: ByteClass.whitespace)
            } else if byteClass & ByteClass.identifierStart != 0 {
                scanIdentifierOrPrefixedString()
            } else if byteClass & ByteClass.digit != 0 {
                scanner.skipNumber()
                scanner.emit(.number, from: start)
            } else {
                switch byte {
                case UInt8(ascii: "#"):
                    scanner.skipToEndOfLine()
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    scanString(from: start, isRaw: false, isFormatted: false)
                case UInt8(ascii: ".") where scanner.byte(scanner.peek(1), isIn: ByteClass.digit):
                    scanner.skipNumber()
                    scanner.emit(.number, from: start)
                case UInt8(ascii: "\\") where lineJoinLength > 0:
                    scanner.advance(lineJoinLength)  // an explicit line join is whitespace
                default:
                    scanOperator()
                }
            }
        }

        /// How many bytes a backslash-newline (or backslash-CRLF) at `position` spans; 0 if none is there.
        private var lineJoinLength: Int {
            switch (scanner.peek(1), scanner.peek(2)) {
            case (UInt8(ascii: "\n"), _): 2
            case (UInt8(ascii: "\r"), UInt8(ascii: "\n")): 3
            default: 0
            }
        }

        private mutating func scanIdentifierOrPrefixedString() {
            let start = scanner.position
            scanner.skip(while: ByteClass.identifierPart)
            let end = scanner.position
            let next = scanner.current
            if next == UInt8(ascii: "\"") || next == UInt8(ascii: "'"), end - start <= 2,
                let prefix = Self.stringPrefix(scanner.bytes, from: start, to: end)
            {
                scanString(from: start, isRaw: prefix.isRaw, isFormatted: prefix.isFormatted)
                return
            }
            let isKeyword = keywords.index(of: scanner.bytes, from: start, to: end) != nil
            scanner.emit(isKeyword ? .keyword : .identifier, from: start)
        }

        /// What the one- or two-letter prefix before a quote makes of the string,
        /// or `nil` when it is not a string prefix (then it is an identifier).
        private static func stringPrefix(
            _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
        ) -> (isRaw: Bool, isFormatted: Bool)? {
            var raw = 0
            var other = 0
            var formatted = false
            var unicode = false
            for index in start..<end {
                switch bytes[index] | 0x20 {
                case UInt8(ascii: "r"): raw += 1
                case UInt8(ascii: "b"): other += 1
                case UInt8(ascii: "f"), UInt8(ascii: "t"): other += 1; formatted = true
                case UInt8(ascii: "u"): other += 1; unicode = true
                default: return nil
                }
            }
            // Valid: one letter alone, or `r` with one of b/f/t (never `u`, never doubled).
            let valid = end - start == 1 || (raw == 1 && other == 1 && !unicode)
            return valid ? (raw == 1, formatted) : nil
        }

        /// Scans a string whose opening quote is at `position` and whose prefix starts at `start`.
        private mutating func scanString(from start: Int, isRaw: Bool, isFormatted: Bool) {
            let quote = scanner.current
            let isTriple = scanner.isAtTripleQuote(quote)
            guard isFormatted else {
                scanner.skipQuoted(quote, isTriple: isTriple)
                scanner.emit(.string, from: start)
                return
            }
            if frames.isEmpty {
                scanner.openEnclosingLiteral(at: start)
            }
            frames.append(FStringFrame(kind: .text, quote: quote, isTriple: isTriple, isRaw: isRaw))
            scanner.advance(isTriple ? 3 : 1)
        }

        /// Emits the operator at `position`; inside a replacement field, also
        /// tracks the brackets that decide where the field or its format spec begins.
        private mutating func scanOperator() {
            if let top = frames.last, top.kind == .field {
                let innermost = frames.count - 1
                switch scanner.current {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    frames[innermost].depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"):
                    frames[innermost].depth = max(0, top.depth - 1)
                case UInt8(ascii: "}") where top.depth > 0:
                    frames[innermost].depth -= 1
                case UInt8(ascii: "}"):
                    // The field closes; what is below it (text or a format spec) resumes.
                    scanner.advance()
                    frames.removeLast()
                    return
                case UInt8(ascii: ":") where top.depth == 0:
                    // At the field's own level a colon starts the format spec, even
                    // before `=`: in an f-string, `{x:=5}` formats `x` with spec `=5`.
                    scanner.advance()
                    frames.append(top.spec)
                    return
                default:
                    break
                }
            }
            scanner.emitOperator(using: operators)
        }
    }
}
