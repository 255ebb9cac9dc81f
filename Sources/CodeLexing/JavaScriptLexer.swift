import ProvenanceCore

/// The lexer for JavaScript, also used for TypeScript.
///
/// - Keywords are the reserved words of strict-mode ECMAScript plus `true`,
///   `false` and `null`. Contextual words (`of`, `get`, `set`, `async`, `from`,
///   `as`) and TypeScript's (`type`, `keyof`, `readonly`) are identifiers, since
///   they are also legal names.
/// - A template literal is one string token however deeply its `${…}`
///   substitutions nest: the code inside is scanned (so its strings, comments,
///   braces and nested templates are understood) but not emitted.
/// - A `/` starts a regex literal (a string token, flags included) where a value
///   may start: at the start, after an operator, `(`, `[`, `{`, `,`, `;`, or a
///   keyword such as `return` or `typeof`. After an identifier, number, string,
///   `)`, `]`, `}`, `++`, `--` or the keywords `this`, `super`, `true`, `false`,
///   `null`, it is division; except after the `)` that closes the condition of
///   `if`, `while`, `for` or `with`, where a statement (maybe a regex) starts.
///   A regex runs to an unescaped `/` outside a `[…]` class; if the line ends
///   first, the `/` was division after all, and no regex is tried again before
///   that line's end (this keeps lexing linear).
/// - Identifiers take `$`, `_`, non-ASCII letters and `\u0041`/`\u{41}` escapes;
///   a private name `#x` is one identifier token (it names a different member
///   than `x`). Numbers take `_` separators and the BigInt suffix `n`.
/// - `//` and `/* */` comments, and a `#!` line at the very start, are skipped.
///   A byte no rule claims is an operator of one byte.
///
/// An unterminated string ends at the end of its line; an unterminated template
/// literal or comment runs to the end of the file.
public struct JavaScriptLexer: CodeLexer {
    public let language: Language

    /// A lexer for `.javascript` or `.typescript` files.
    public init(language: Language = .javascript) {
        self.language = language
    }

    public func tokens(in source: UnsafeBufferPointer<UInt8>) -> [Token] {
        var pass = Pass(scanner: ByteScanner(source))
        return pass.run()
    }

    /// The keywords: value-like ones first (after those, a `/` divides), then
    /// those whose parenthesized condition a statement follows.
    static let keywords = KeywordTable(valueKeywords + conditionKeywords + [
        "await", "break", "case", "catch", "class", "const", "continue", "debugger",
        "default", "delete", "do", "else", "enum", "export", "extends", "finally",
        "function", "implements", "import", "in", "instanceof",
        "interface", "let", "new", "package", "private", "protected", "public",
        "return", "static", "switch", "throw", "try", "typeof", "var", "void",
        "yield",
    ])
    static let valueKeywords = ["this", "super", "true", "false", "null"]
    static let conditionKeywords = ["if", "while", "for", "with"]

    static let operators = OperatorTable([
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>",
    ])
}

// MARK: - The pass over one file

extension JavaScriptLexer {
    /// The state of lexing one file.
    struct Pass: ~Copyable {
        var scanner: ByteScanner
        /// Open template literals and substitutions, innermost last; empty outside
        /// templates. An explicit stack, so nesting costs no recursion.
        var frames: [TemplateFrame] = []
        /// Whether a `/` here would start a regex literal rather than divide.
        var regexAllowed = true
        /// No regex literal starts before this offset: an attempt already found
        /// that none closes before it.
        var regexBarrier = 0
        /// Whether the previous token was `if`, `while`, `for` or `with`.
        var afterConditionKeyword = false
        /// For each open `(`: whether it opened such a condition, so that a `/`
        /// after its `)` starts a regex. An explicit stack, bounded by the input.
        var parentheses: [Bool] = []

        // The tables, fetched once per file rather than per token (a static read
        // costs a lazy-initialization check each time).
        private let keywords = JavaScriptLexer.keywords
        private let operators = JavaScriptLexer.operators
        private let valueKeywordEnd = JavaScriptLexer.valueKeywords.count
        private let conditionKeywordEnd = JavaScriptLexer.valueKeywords.count + JavaScriptLexer.conditionKeywords.count

        mutating func run() -> [Token] {
            if scanner.current == UInt8(ascii: "#"), scanner.peek(1) == UInt8(ascii: "!") {
                scanner.skipToEndOfLine()
            }
            while !scanner.isAtEnd {
                if let top = frames.last, top.isText {
                    scanTemplateText()
                } else {
                    scanCode()
                }
            }
            return scanner.finish()
        }

        /// Moves past one token, comment or run of whitespace of code (at top
        /// level or inside a substitution).
        private mutating func scanCode() {
            let start = scanner.position
            let byte = scanner.current
            let byteClass = scanner.classes[Int(byte)]
            // Only the token right after `if`/`while`/`for`/`with` sees the flag;
            // whitespace and comments put it back.
            let followsConditionKeyword = afterConditionKeyword
            afterConditionKeyword = false
            if byteClass & ByteClass.whitespace != 0 {
                scanner.skip(while: ByteClass.whitespace)
                afterConditionKeyword = followsConditionKeyword
            } else if byteClass & ByteClass.identifierStart != 0 || byte == UInt8(ascii: "$")
                || startsEscape(at: start)
            {
                scanIdentifier(from: start)
            } else if byteClass & ByteClass.digit != 0 {
                scanNumber(from: start)
            } else {
                switch byte {
                case UInt8(ascii: "/") where scanner.peek(1) == UInt8(ascii: "/"):
                    scanner.skipToEndOfLine()
                    afterConditionKeyword = followsConditionKeyword
                case UInt8(ascii: "/") where scanner.peek(1) == UInt8(ascii: "*"):
                    scanner.skipSlashStarComment()
                    afterConditionKeyword = followsConditionKeyword
                case UInt8(ascii: "/") where regexAllowed && start >= regexBarrier:
                    if !scanRegex(from: start) {
                        scanOperator(from: start, opensCondition: false)
                    }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    scanner.skipQuoted(byte)
                    scanner.emit(.string, from: start)
                    regexAllowed = false
                case UInt8(ascii: "`"):
                    openTemplate(at: start)
                case UInt8(ascii: ".") where scanner.byte(scanner.peek(1), isIn: ByteClass.digit):
                    scanNumber(from: start)
                case UInt8(ascii: "#") where scanner.byte(scanner.peek(1), isIn: ByteClass.identifierStart):
                    scanner.advance()
                    scanIdentifier(from: start)
                default:
                    scanOperator(from: start, opensCondition: followsConditionKeyword)
                }
            }
        }

        private mutating func scanNumber(from start: Int) {
            scanner.skipNumber()
            scanner.emit(.number, from: start)
            regexAllowed = false
        }

        /// Whether a `\u` identifier escape starts at `offset`.
        private func startsEscape(at offset: Int) -> Bool {
            scanner.byte(at: offset) == UInt8(ascii: "\\") && scanner.byte(at: offset + 1) == UInt8(ascii: "u")
        }

        private mutating func scanIdentifier(from start: Int) {
            while !scanner.isAtEnd {
                let byte = scanner.current
                if scanner.byte(byte, isIn: ByteClass.identifierPart) || byte == UInt8(ascii: "$") {
                    scanner.advance()
                } else if startsEscape(at: scanner.position) {
                    skipUnicodeEscape()
                } else {
                    break
                }
            }
            if let index = keywords.index(of: scanner.bytes, from: start, to: scanner.position) {
                scanner.emit(.keyword, from: start)
                regexAllowed = index >= valueKeywordEnd
                afterConditionKeyword = index >= valueKeywordEnd && index < conditionKeywordEnd
            } else {
                scanner.emit(.identifier, from: start)
                regexAllowed = false
            }
        }

        /// Moves past `\uXXXX` (up to four hex digits) or `\u{…}`.
        private mutating func skipUnicodeEscape() {
            scanner.advance(2)
            if scanner.current == UInt8(ascii: "{") {
                scanner.advance()
                scanner.skip(while: ByteClass.hexDigit)
                if scanner.current == UInt8(ascii: "}") {
                    scanner.advance()
                }
                return
            }
            var digits = 0
            while digits < 4, scanner.byte(scanner.current, isIn: ByteClass.hexDigit) {
                scanner.advance()
                digits += 1
            }
        }

        /// Emits the operator at `start`; inside a substitution, also counts braces
        /// to find the `}` that closes it. `opensCondition`: a `(` here opens the
        /// condition of `if`, `while`, `for` or `with`.
        private mutating func scanOperator(from start: Int, opensCondition: Bool) {
            let byte = scanner.current
            if let top = frames.last, !top.isText {
                if byte == UInt8(ascii: "{") {
                    frames[frames.count - 1].depth += 1
                } else if byte == UInt8(ascii: "}") {
                    if top.depth == 0 {
                        // The substitution closes; the template's text resumes.
                        scanner.advance()
                        frames.removeLast()
                        return
                    }
                    frames[frames.count - 1].depth -= 1
                }
            }
            var length = operators.matchLength(at: start, in: scanner.bytes)
            if length == 2, byte == UInt8(ascii: "?"), scanner.byte(scanner.peek(2), isIn: ByteClass.digit) {
                length = 1  // `a?.5:b` is a conditional, not optional chaining
            }
            scanner.advance(length)
            scanner.emit(.operator, from: start)
            regexAllowed = !Self.endsValue(byte, length: length, second: scanner.byte(at: start + 1))
            if length == 1, byte == UInt8(ascii: "(") {
                parentheses.append(opensCondition)
            } else if length == 1, byte == UInt8(ascii: ")"), let closesCondition = parentheses.popLast() {
                regexAllowed = closesCondition
            }
        }

        /// Whether an operator ends a value, so that a `/` after it divides.
        private static func endsValue(_ first: UInt8, length: Int, second: UInt8) -> Bool {
            if length == 1 {
                return first == UInt8(ascii: ")") || first == UInt8(ascii: "]") || first == UInt8(ascii: "}")
            }
            return length == 2 && second == first && (first == UInt8(ascii: "+") || first == UInt8(ascii: "-"))
        }
    }
}
