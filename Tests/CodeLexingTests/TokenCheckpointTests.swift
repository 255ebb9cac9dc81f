import CodeLexing
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// Lexing from a checkpoint gives exactly the tokens a whole-file lex gives from there on.
struct TokenCheckpointTests {
    /// Code-like fragments, including the ones that open strings, comments, templates and regexes.
    static let fragments = [
        "x = foo(a, b) + 3\n", "if (a < b) { return a >> 2; }\n", "s = 'it''s'\n", "t = \"a\\\"b\"\n",
        "/* block\n comment */ y = 1;\n", "// line comment\n", "# hash comment\n", "f\"{a + {b}} {c!r}\"\n",
        "`tpl ${a + `inner ${b}`} end`\n", "r = /ab+c/g.test(s)\n", "q = a / b / c\n", "'''doc\nstring'''\n",
        "\"\"\"text\n  block\"\"\"\n", "@Override\n", "List<List<String>> xs = new ArrayList<>();\n", "n = 0x1F + 1_000 + 1.5e-3\n",
        "名前 = 'é' + \"🙂\"\n", "a = b\\\n  + c\n", "\t\t} else {\n", "def f(*args, **kw):\n",
    ]

    static func source(seed: UInt64, fragments count: Int) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return Array((0..<count).map { _ in Self.fragments.randomElement(using: &generator)! }.joined().utf8)
    }

    @Test("lexing from every checkpoint reproduces the rest of the file", arguments: [Language.python, .java, .javascript, .c, .shell])
    func restartEqualsSuffix(language: Language) {
        for seed in UInt64(1)...4 {
            let source = Self.source(seed: seed &* 31 &+ UInt64(Language.allCases.firstIndex(of: language)!), fragments: 600)
            let lexer = language.lexer
            let tokens = lexer.tokens(in: source)
            let checkpoints = source.withUnsafeBufferPointer { TokenCheckpoints(tokens: tokens, in: $0) }
            #expect(checkpoints.entries.count >= tokens.count / TokenCheckpoints.spacing)
            #expect(checkpoints.entries.first?.token == 0)
            for entry in checkpoints.entries {
                let (first, window) = source.withUnsafeBufferPointer {
                    lexer.tokens(in: $0, covering: entry.token..<tokens.count, checkpoints: checkpoints)
                }
                #expect(first == entry.token)
                #expect(window == Array(tokens[first...]), "seed \(seed), checkpoint at token \(entry.token)")
                if window != Array(tokens[first...]) { return }
            }
        }
    }

    @Test("a window covers the tokens asked for and stops at the next checkpoint")
    func windowBounds() {
        let source = Self.source(seed: 9, fragments: 800)
        let lexer = Language.javascript.lexer
        let tokens = lexer.tokens(in: source)
        let checkpoints = source.withUnsafeBufferPointer { TokenCheckpoints(tokens: tokens, in: $0) }
        let wanted = 300..<420
        let (first, window) = source.withUnsafeBufferPointer { lexer.tokens(in: $0, covering: wanted, checkpoints: checkpoints) }
        #expect(first <= wanted.lowerBound && first + window.count >= wanted.upperBound)
        #expect(window == Array(tokens[first..<first + window.count]))
        #expect(window.count < tokens.count / 2, "only a window was lexed")
    }

    @Test("checkpoints survive their stored encoding; other byte counts are refused")
    func encoding() {
        let source = Self.source(seed: 3, fragments: 400)
        let tokens = Language.python.lexer.tokens(in: source)
        let checkpoints = source.withUnsafeBufferPointer { TokenCheckpoints(tokens: tokens, in: $0) }
        #expect(TokenCheckpoints(encoded: checkpoints.encoded) == checkpoints)
        #expect(TokenCheckpoints(encoded: Array(checkpoints.encoded.dropLast())) == nil)
    }
}
