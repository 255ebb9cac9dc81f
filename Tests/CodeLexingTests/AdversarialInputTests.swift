import CodeLexing
import ProvenanceCore
import Testing

/// Inputs built to break a lexer: deep nesting, unterminated literals, NUL
/// bytes, invalid UTF-8 and one very long line. Linearity is checked by counting
/// tokens, never by timing; a quadratic path would show as a test that never ends.
@Suite struct AdversarialInputTests {
    private static let depth = 10_000

    @Test(arguments: TokenChecks.languages)
    func deeplyNestedBracketsAreOneTokenEach(_ language: Language) {
        let open = String(repeating: "(", count: Self.depth) + String(repeating: "[", count: Self.depth)
            + String(repeating: "{", count: Self.depth)
        let close = String(repeating: "}", count: Self.depth) + String(repeating: "]", count: Self.depth)
            + String(repeating: ")", count: Self.depth)
        let tokens = language.lexer.tokens(in: open + close)
        #expect(tokens.count == 6 * Self.depth)
        #expect(tokens.allSatisfy { $0.kind == .operator && $0.end - $0.start == 1 })
        #expect(tokens.last?.column == Int32(6 * Self.depth))
    }

    @Test func deeplyNestedTemplateLiteralIsOneToken() {
        let source = String(repeating: "`${", count: Self.depth) + "x"
            + String(repeating: "}`", count: Self.depth) + ";"
        let tokens = JavaScriptLexer().tokens(in: source)
        #expect(tokens.count == 2)
        #expect(tokens.first.map { $0.kind == .string && $0.end == source.utf8.count - 1 } == true)
    }

    @Test func unterminatedNestedTemplateRunsToTheEnd() {
        let source = "a = " + String(repeating: "`${ {(", count: Self.depth)
        let tokens = JavaScriptLexer().tokens(in: source)
        #expect(tokens.map(\.kind) == [.identifier, .operator, .string])
        #expect(tokens.last?.end == source.utf8.count)
    }

    @Test(arguments: ["f\"{", "f'{", "rf\"\"\"{x:{", "f\"{g(f'{"])
    func deeplyNestedFStringIsOneToken(_ opener: String) {
        // The opener backwards, brackets mirrored and prefixes dropped, closes it.
        let closer = String(
            opener.reversed().map { $0 == "{" ? "}" : $0 == "(" ? ")" : $0 }.filter { $0 != "f" && $0 != "r" })
        let source = String(repeating: opener, count: Self.depth) + "y"
            + String(repeating: closer, count: Self.depth) + " z"
        let tokens = PythonLexer().tokens(in: source)
        #expect(tokens.map(\.kind) == [.string, .identifier])
        #expect(tokens.first?.end == source.utf8.count - 2)
    }

    /// What an unterminated construct becomes: `(language, source, token texts)`.
    /// Single-quoted strings stop at the end of their line (unless the language
    /// lets them span lines); triple-quoted strings, templates, f-strings with
    /// an open field and comments run to the end.
    static let unterminated: [(Language, String, [String])] = [
        (.python, "s = 'abc\nx", ["s", "=", "'abc", "x"]),
        (.python, "'''abc\nxyz", ["'''abc\nxyz"]),
        (.python, "f\"abc\nx", ["f\"abc", "x"]),
        (.python, "f\"{x\ny", ["f\"{x\ny"]),
        (.python, "f'''{x:{", ["f'''{x:{"]),
        (.python, "b\"\\", ["b\"\\"]),
        (.java, "\"\"\"\nabc", ["\"\"\"\nabc"]),
        (.java, "'a\nb", ["'a", "b"]),
        (.java, "x /* abc", ["x"]),
        (.javascript, "`abc${x", ["`abc${x"]),
        (.javascript, "\"abc\n1", ["\"abc", "1"]),
        (.javascript, "x = /abc\n/ 2", ["x", "=", "/", "abc", "/", "2"]),
        (.javascript, "/* x", []),
        (.c, "\"abc\n1", ["\"abc", "1"]),
        (.go, "`abc\nd", ["`abc\nd"]),
        (.sql, "'abc\n1 -- c", ["'abc\n1 -- c"]),  // SQL strings may span lines
        (.yaml, "a: don't\nb", ["a", ":", "don", "'t", "b"]),
        (.rust, "/* a /* b */ c", []),
        (.kotlin, "\"\"\"abc", ["\"\"\"abc"]),
    ]

    @Test(arguments: unterminated)
    func unterminatedConstructsEndPredictably(_ language: Language, _ source: String, _ expected: [String]) {
        let bytes = Array(source.utf8)
        let tokens = language.lexer.tokens(in: bytes)
        #expect(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) } == expected)
        #expect(TokenChecks.violations(of: tokens, in: bytes, language: language) == [])
    }

    @Test(arguments: TokenChecks.languages)
    func nulBytesAreOperatorsOrStayInsideLiterals(_ language: Language) {
        let source: [UInt8] = [0, 0x61, 0, 0x20, 0x22, 0x62, 0, 0x22, 0]  // NUL a NUL ␠ " b NUL " NUL
        let tokens = language.lexer.tokens(in: source)
        #expect(tokens.map(\.kind) == [.operator, .identifier, .operator, .string, .operator])
        #expect(tokens.map(\.range) == [0..<1, 1..<2, 2..<3, 4..<8, 8..<9])
    }

    @Test(arguments: TokenChecks.languages)
    func invalidUTF8BecomesIdentifiersWithConsistentColumns(_ language: Language) {
        // A stray continuation byte, a truncated sequence, a surrogate, an overlong, 0xFF.
        let source: [UInt8] = [0x80, 0x20, 0xE2, 0x82, 0x20, 0xED, 0xA0, 0x80, 0x20, 0xC0, 0xAF, 0x20, 0xFF, 0x20, 0x78]
        let tokens = language.lexer.tokens(in: source)
        #expect(tokens.map(\.kind) == Array(repeating: .identifier, count: 6))
        #expect(TokenChecks.violations(of: tokens, in: source, language: language) == [])
        // Swift decodes these as 1 + 1 + 3 + 2 + 1 scalars (each maximal invalid subpart is one U+FFFD).
        #expect(tokens.map(\.column) == [1, 3, 5, 9, 12, 14])
    }

    @Test func lineAndColumnCountScalarsAfterMultiByteCharacters() {
        let source = "é = 1\n名前 = \"ü\" + 🙂\n  x"
        let tokens = PythonLexer().tokens(in: source)
        let locations = tokens.map { "\($0.line):\($0.column)" }
        #expect(locations == ["1:1", "1:3", "1:5", "2:1", "2:4", "2:6", "2:10", "2:12", "3:3"])
        #expect(tokens.map(\.start) == [0, 3, 5, 7, 14, 16, 21, 23, 30])
    }

    /// One 4 MB line: the token count is exactly ten per repetition, and the last
    /// column is exact, so nothing was lost, doubled or recounted from the line's start.
    @Test(arguments: [Language.python, .java, .javascript, .c])
    func longSingleLineIsLexedLinearly(_ language: Language) {
        let unit = Array("ab = cd + 12; é(\"s\") ".utf8)  // 10 tokens, 21 scalars
        let repetitions = 4_000_000 / unit.count
        var source: [UInt8] = []
        source.reserveCapacity(unit.count * repetitions)
        for _ in 0..<repetitions {
            source += unit
        }
        let tokens = language.lexer.tokens(in: source)
        #expect(tokens.count == 10 * repetitions)
        #expect(tokens.last?.line == 1)
        #expect(tokens.last?.column == Int32(21 * (repetitions - 1) + 20))
    }

    /// A 1 MB line of one opener repeated: a lexer that rescans the rest of the
    /// line per opener would take hours; these finish in milliseconds.
    @Test(arguments: [
        (Language.javascript, "+/", 1),  // `+`, then `/+/` is a regex (the next slash closes it)
        (Language.javascript, "(/[", 3),  // no regex closes inside `[`; the first failed attempt bars the rest
        (Language.c, "/* ", 0),
        (Language.rust, "/* ", 0),
    ])
    func longLineOfOpenersIsLexedLinearly(_ language: Language, _ unit: String, _ tokensPerUnit: Int) {
        let repetitions = 1_000_000 / unit.utf8.count
        let tokens = language.lexer.tokens(in: String(repeating: unit, count: repetitions))
        #expect(tokens.count == tokensPerUnit * repetitions)
    }

    @Test func longLineOfOpenFStringsIsOneToken() {
        let source = "x " + String(repeating: "(f'{", count: 250_000)
        let tokens = PythonLexer().tokens(in: source)
        #expect(tokens.map(\.kind) == [.identifier, .operator, .string])
        #expect(tokens.last?.end == source.utf8.count)
    }

    @Test(arguments: [(Language.python, "'\\"), (.java, "\"\\"), (.javascript, "'\\"), (.c, "\"\\")])
    func longUnterminatedStringIsOneToken(_ language: Language, _ unit: String) {
        // Every quote is escaped but the first, so the string ends only at the newline.
        let source = String(repeating: unit, count: 500_000) + " \nx"
        let tokens = language.lexer.tokens(in: source)
        #expect(tokens.count == 2)
        #expect(tokens.first?.end == 1_000_001)
    }
}
