import CodeLexing
import PropertyBased
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// Every lexer is total: any bytes at all give valid tokens (in bounds, ordered,
/// disjoint, every byte outside whitespace and comments covered, lines and
/// columns equal to a naive recount).
@Suite struct TotalityTests {
    /// Uniformly random bytes: NULs, control bytes and invalid UTF-8 galore.
    @Test(arguments: TokenChecks.languages)
    func randomBytesGiveValidTokens(_ language: Language) {
        var generator = SeededGenerator(seed: 0xB17E5 &+ Self.seedOffset(language))
        let lexer = language.lexer
        for trial in 0..<100 {
            let source = generator.bytes(count: Int.random(in: 0...160, using: &generator))
            let problems = TokenChecks.violations(of: lexer.tokens(in: source), in: source, language: language)
            #expect(problems == [], "trial \(trial) of \(source): \(problems.first ?? "")")
            if !problems.isEmpty { return }
        }
    }

    /// Random sequences of the fragments that open and close literals, comments
    /// and nesting, so that every lexer state is entered and left at random.
    @Test(arguments: TokenChecks.languages)
    func randomCodeFragmentsGiveValidTokens(_ language: Language) {
        var generator = SeededGenerator(seed: 0xF4A6 &+ Self.seedOffset(language))
        let lexer = language.lexer
        for trial in 0..<250 {
            var source: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                source += Self.fragments.randomElement(using: &generator)!
            }
            let problems = TokenChecks.violations(of: lexer.tokens(in: source), in: source, language: language)
            let shown = TokenChecks.escaped(source[...])
            #expect(problems == [], "trial \(trial) of «\(shown)»: \(problems.first ?? "")")
            if !problems.isEmpty { return }
        }
    }

    /// The same property through PropertyBased's generators, for every lexer at once.
    @Test func propertyCheckedBytesGiveValidTokens() async {
        await propertyCheck(count: 100, input: Gen.uint8().array(of: 0...120)) { source in
            for language in TokenChecks.languages {
                let tokens = language.lexer.tokens(in: source)
                #expect(TokenChecks.violations(of: tokens, in: source, language: language) == [], "\(language)")
            }
        }
    }

    private static func seedOffset(_ language: Language) -> UInt64 {
        UInt64(Language.allCases.firstIndex(of: language)!) &* 0x9E37_79B9
    }

    private static let fragments: [[UInt8]] =
        [
            "\"", "'", "`", "\"\"\"", "'''", "${", "{", "}", "(", ")", "[", "]", "{{", "}}",
            "/", "*", "/*", "*/", "//", "#", "#!", "--", "\\", "\\\n", "\n", " ", "\t", "\r\n",
            "f\"", "rf'", "b'", "f'''", "x", "if", "return", "this", "@", ":", "=", ".", "..", "$",
            "0x1F", "1.5e-3", "10n", "1_000", "'a'", "'\\u0041'", "\\u{61}", "!r", "\\N{", "<<", ">>>=",
            "é", "名", "🙂", "a'", "<?php",
        ].map { Array($0.utf8) }
        + [[0], [0xFF], [0x80], [0xE2, 0x82], [0xF0, 0x9F], [0xEF, 0xBB, 0xBF], [0xED, 0xA0, 0x80]]
}
