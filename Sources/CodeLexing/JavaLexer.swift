import ProvenanceCore

/// The lexer for Java source.
///
/// - Keywords are Java's reserved words plus the literals `true`, `false` and
///   `null` (kept as text by the normalized view, like keywords). Contextual
///   words (`var`, `record`, `yield`, `sealed`, `permits`, `module`) are
///   identifiers, since they are also legal names; `non-sealed` is three tokens.
/// - An annotation is two tokens, the `@` operator and the name (`@Override`,
///   `@interface`), so annotated code still lines up with the unannotated.
/// - Shifts and closing generics are lexed alike, longest match first: `>>`,
///   `>>>`, `>>=` and `>>>=` are single operators even in `List<List<T>>`; the
///   parser-free choice is at least the same in every copy of the code.
/// - Strings, char literals (`'a'`, `'\u0041'`) and text blocks (`"""` … `"""`)
///   are string tokens; numbers cover `_`, suffixes `L`/`f`/`d`, hex floats.
/// - `//` and `/* */` comments are skipped. Unicode escapes outside literals
///   (`\u0041` as code) are not decoded: the backslash is a one-byte operator, as
///   is every other byte no rule claims.
///
/// An unterminated string or char literal ends at the end of its line; an
/// unterminated text block or comment runs to the end of the file.
public struct JavaLexer: CodeLexer {
    // The tables, fetched once per lexer rather than per token (a static read
    // costs a lazy-initialization check each time).
    private let keywords = Self.keywordTable
    private let operators = Self.operatorTable

    public init() {}

    public var language: Language { .java }

    public func tokens(in source: UnsafeBufferPointer<UInt8>) -> [Token] {
        var scanner = ByteScanner(source)
        while !scanner.isAtEnd {
            scanToken(&scanner)
        }
        return scanner.finish()
    }

    /// Moves past one token, comment or run of whitespace.
    private func scanToken(_ scanner: inout ByteScanner) {
        let start = scanner.position
        let byte = scanner.current
        let byteClass = scanner.classes[Int(byte)]
        if byteClass & ByteClass.whitespace != 0 {
            scanner.skip(while: ByteClass.whitespace)
        } else if byteClass & ByteClass.identifierStart != 0 || byte == UInt8(ascii: "$") {
            scanIdentifier(&scanner)
        } else if byteClass & ByteClass.digit != 0 {
            scanner.skipNumber(hexFloats: true)
            scanner.emit(.number, from: start)
        } else {
            switch byte {
            case UInt8(ascii: "/") where scanner.peek(1) == UInt8(ascii: "/"):
                scanner.skipToEndOfLine()
            case UInt8(ascii: "/") where scanner.peek(1) == UInt8(ascii: "*"):
                scanner.skipSlashStarComment()
            case UInt8(ascii: "\""):
                scanner.skipQuoted(byte, isTriple: scanner.isAtTripleQuote(byte))
                scanner.emit(.string, from: start)
            case UInt8(ascii: "'"):
                scanner.skipQuoted(byte)
                scanner.emit(.string, from: start)
            case UInt8(ascii: ".") where scanner.byte(scanner.peek(1), isIn: ByteClass.digit):
                scanner.skipNumber()
                scanner.emit(.number, from: start)
            default:
                scanner.emitOperator(using: operators)
            }
        }
    }

    private func scanIdentifier(_ scanner: inout ByteScanner) {
        let start = scanner.position
        while scanner.byte(scanner.current, isIn: ByteClass.identifierPart) || scanner.current == UInt8(ascii: "$") {
            scanner.advance()
        }
        let isKeyword = keywords.index(of: scanner.bytes, from: start, to: scanner.position) != nil
        scanner.emit(isKeyword ? .keyword : .identifier, from: start)
    }

    private static let keywordTable = KeywordTable([
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
        "class", "const", "continue", "default", "do", "double", "else", "enum",
        "extends", "final", "finally", "float", "for", "goto", "if", "implements",
        "import", "instanceof", "int", "interface", "long", "native", "new",
        "package", "private", "protected", "public", "return", "short", "static",
        "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
        "transient", "try", "void", "volatile", "while",
        "true", "false", "null",
    ])

    private static let operatorTable = OperatorTable([
        ">>>=", "<<=", ">>=", ">>>", "...",
        "->", "::", "++", "--", "&&", "||", "==", "!=", "<=", ">=", "<<", ">>",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    ])
}
