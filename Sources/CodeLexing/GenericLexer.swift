import ProvenanceCore

/// The lexer for every language without a lexer of its own, set up by the
/// language's comment syntax.
///
/// - Comments: the language's line comment (`//`, `#`, `--`), its second line
///   comment (PHP's `#`) and its block comment (`/* */`), nesting for Rust,
///   Swift, Kotlin and Scala. `$#` (shell, Perl) is no comment, and in shell and
///   YAML a `#` starts a comment only at the start of a word.
/// - Strings: `"…"` and `'…'` end at the end of their line when left open,
///   except where the language lets them span lines (both in shell, Ruby, Perl,
///   PHP, SQL and R; `"…"` in Rust); `"""…"""` and `'''…'''` (Kotlin, Swift,
///   Scala) and `` `…` `` (Go raw strings, shell commands) span lines too. A
///   string that may span lines and is left open runs to the end of the file.
///   Backslash escapes apply in all of them. Rust's raw strings (`r"…"`,
///   `r#"…"#`, `br"…"`) have none and end at their own delimiter; `b"…"` and
///   `c"…"` are one token with their prefix; and a `'` that starts a lifetime or
///   label (`'a`, `'static`) is an operator, not a string. Other languages' raw
///   strings (C++ `R"(…)"`, Swift `#"…"#`, C# `@"…"`) are read as ordinary strings.
///   A backslash-escaped quote outside a string (shell's `\"`) is one operator.
/// - Keywords: one small list shared by all these languages (control flow,
///   declarations, literals such as `true` and `nil`), not each language's own:
///   the normalized view keeps keywords as text, and the common words are what
///   give copied code its shape. A word is lexed the same way in every copy of a
///   file, which is what matching needs, even where it is a keyword in only
///   some of these languages.
/// - Identifiers take `_`, `$` (PHP, shell and Perl variables) and non-ASCII
///   letters; in Haskell also `'` (`foldl'`). Numbers as in every lexer.
/// - Operators: longest match over a set common to C-family languages and
///   their relatives (`>>>=`, `<=>`, `::`, `->`, `=>`, `..=`, `|>`, `<-`); any
///   other byte is an operator of one byte.
public struct GenericLexer: CodeLexer {
    public let language: Language

    private let lineComment: [UInt8]
    private let otherLineComment: [UInt8]
    private let blockComment: (open: [UInt8], close: [UInt8])?
    private let blockCommentsNest: Bool
    private let hashCommentNeedsWordStart: Bool
    private let doubleQuotesSpanLines: Bool
    private let singleQuotesSpanLines: Bool
    private let isRust: Bool
    private let primeInIdentifiers: Bool
    // The tables, fetched once per lexer rather than per token (a static read
    // costs a lazy-initialization check each time).
    private let keywords = Self.keywordTable
    private let operators = Self.operatorTable

    /// A lexer for `language`, skipping comments as `language.commentSyntax` says.
    public init(language: Language) {
        self.language = language
        let syntax = language.commentSyntax
        lineComment = Array(syntax.line.utf8)
        otherLineComment = syntax.alsoLine.map { Array($0.utf8) } ?? []
        blockComment = syntax.block.map { (Array($0.open.utf8), Array($0.close.utf8)) }
        blockCommentsNest = [.rust, .swift, .kotlin, .scala].contains(language)
        hashCommentNeedsWordStart = [.shell, .yaml].contains(language)
        singleQuotesSpanLines = [.shell, .ruby, .perl, .php, .sql, .r].contains(language)
        doubleQuotesSpanLines = singleQuotesSpanLines || language == .rust
        isRust = language == .rust
        primeInIdentifiers = language == .haskell
    }

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
        } else if skipComment(&scanner) {
            return
        } else if byteClass & ByteClass.identifierStart != 0 || byte == UInt8(ascii: "$") {
            scanIdentifier(&scanner)
        } else if byteClass & ByteClass.digit != 0
            || (byte == UInt8(ascii: ".") && scanner.byte(scanner.peek(1), isIn: ByteClass.digit))
        {
            scanner.skipNumber(hexFloats: true, literalMethods: true)
            scanner.emit(.number, from: start)
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
            scanString(&scanner)
        } else if byte == UInt8(ascii: "\\"), isQuote(scanner.peek(1)) {
            // An escaped quote outside a string (shell's `echo \"hi\"`) is one
            // operator; read as a backslash and an opening quote, it would pair
            // with the wrong quote from then on.
            scanner.advance(2)
            scanner.emit(.operator, from: start)
        } else {
            scanner.emitOperator(using: operators)
        }
    }

    /// Moves past a comment at `position` and returns true, or returns false.
    private func skipComment(_ scanner: inout ByteScanner) -> Bool {
        let byte = scanner.current
        if let block = blockComment, byte == block.open[0], scanner.isLooking(at: block.open) {
            scanner.skipBlockComment(open: block.open, close: block.close, nests: blockCommentsNest)
            return true
        }
        guard startsLineComment(lineComment, scanner) || startsLineComment(otherLineComment, scanner) else {
            return false
        }
        scanner.skipToEndOfLine()
        return true
    }

    @inline(__always)
    private func startsLineComment(_ introducer: [UInt8], _ scanner: borrowing ByteScanner) -> Bool {
        guard let first = introducer.first, scanner.current == first, scanner.isLooking(at: introducer) else {
            return false
        }
        return first != UInt8(ascii: "#") || hashStartsComment(at: scanner.position, in: scanner)
    }

    /// Whether the `#` at `offset` starts a comment: not in `$#`, and in shell or
    /// YAML only at the start of a word (`a#b` is one shell word).
    private func hashStartsComment(at offset: Int, in scanner: borrowing ByteScanner) -> Bool {
        guard offset > 0 else { return true }
        let before = scanner.byte(at: offset - 1)
        if before == UInt8(ascii: "$") { return false }
        guard hashCommentNeedsWordStart else { return true }
        switch before {
        case UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "&"):
            return true
        default:
            return scanner.byte(before, isIn: ByteClass.whitespace)
        }
    }

    private func scanIdentifier(_ scanner: inout ByteScanner) {
        let start = scanner.position
        while !scanner.isAtEnd {
            let byte = scanner.current
            guard scanner.byte(byte, isIn: ByteClass.identifierPart) || byte == UInt8(ascii: "$")
                || (primeInIdentifiers && byte == UInt8(ascii: "'"))
            else { break }
            scanner.advance()
        }
        if isRust, scanner.position - start <= 2, scanRustPrefixedString(&scanner, prefixStart: start) {
            return
        }
        let isKeyword = keywords.index(of: scanner.bytes, from: start, to: scanner.position) != nil
        scanner.emit(isKeyword ? .keyword : .identifier, from: start)
    }

    private func scanString(_ scanner: inout ByteScanner) {
        let start = scanner.position
        let quote = scanner.current
        if quote == UInt8(ascii: "'"), isRust, startsLifetime(scanner) {
            scanner.advance()
            scanner.emit(.operator, from: start)
            return
        }
        let isTriple = quote != UInt8(ascii: "`") && scanner.isAtTripleQuote(quote)
        scanner.skipQuoted(quote, isTriple: isTriple, spansLines: spansLines(quote))
        scanner.emit(.string, from: start)
    }

    @inline(__always)
    private func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    private func spansLines(_ quote: UInt8) -> Bool {
        switch quote {
        case UInt8(ascii: "`"): true
        case UInt8(ascii: "\""): doubleQuotesSpanLines
        default: singleQuotesSpanLines
        }
    }

    private static let keywordTable = KeywordTable([
        "if", "else", "elif", "elsif", "for", "foreach", "while", "do", "loop",
        "switch", "case", "default", "break", "continue", "return", "goto",
        "try", "catch", "finally", "throw", "throws", "raise",
        "class", "struct", "enum", "interface", "trait", "impl", "protocol", "extension",
        "fn", "func", "fun", "function", "def", "let", "var", "val", "const", "static",
        "public", "private", "protected", "internal", "import", "package", "module",
        "use", "using", "namespace", "new", "delete", "in", "is", "as", "not", "and", "or",
        "null", "nil", "true", "false", "self", "this", "super", "void",
        "async", "await", "yield", "match", "where", "then", "end", "begin",
        "typeof", "sizeof", "extern", "unsafe", "mut", "pub", "type", "go", "defer",
        "select", "from", "local", "unless", "until",
    ])

    private static let operatorTable = OperatorTable([
        ">>>=", "<<=", ">>=", ">>>", "...", "..=", "..<", "===", "!==", "<=>", "**=",
        "&&=", "||=", "??=", "&^=",
        "->", "=>", "::", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "<<", ">>",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "..", "?.", "??", ":=",
        "<-", "|>", "&^",
    ])
}
