import CodeLexing
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// One snippet whose token stream is kept in `Golden/<name>.tokens`.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    let name: String
    let language: Language
    let source: String

    var testDescription: String { name }
}

/// Token streams for the tricky constructs of each lexer, compared with golden
/// files (`kind line:column text` per token). Regenerate with `UPDATE_GOLDEN=1`,
/// then read each changed file: a golden is right, not merely what the code printed.
@Suite struct GoldenTokenTests {
    @Test(arguments: pythonCases + javaCases + javaScriptCases + genericCases)
    func tokenStreamMatchesGolden(_ testCase: GoldenCase) throws {
        let source = Array(testCase.source.utf8)
        let tokens = testCase.language.lexer.tokens(in: source)
        #expect(TokenChecks.violations(of: tokens, in: source, language: testCase.language) == [])
        let difference = try GoldenFile("\(testCase.name).tokens").compare(with: TokenChecks.render(tokens, in: source))
        #expect(difference == nil, "\(difference ?? "")")
    }

    static let pythonCases: [GoldenCase] = [
        GoldenCase(name: "python-keywords", language: .python, source: #"""
            async def f(x, /, *args, **kw) -> None:
                match = re.match(p, s)
                return await g(x) if x is not None else lambda: True
            """#),
        GoldenCase(name: "python-string-prefixes", language: .python, source: #"""
            r'\d+' b"x" u'y' Rb'\x00' BR"z" rf"{a}" Fr'{b}' ub'no' f"" '''tri'ple''' """a\"""b"""
            """#),
        GoldenCase(name: "python-fstrings", language: .python, source: #"""
            f"{x!r:>{width}} {d["k"]} {{lit}} {f'{y}'}" + f"{a:{b}.{c}f}"
            f"{'\n'.join(xs)}" f"\N{BULLET} {x}" rf"\{x}" f"{x:'>10}" f"{ {k: v} }" end
            """#),
        GoldenCase(name: "python-fstring-multiline", language: .python, source: #"""
            s = f"""
            {x +
             y}""" + f'{ (a,
                b) }'
            t = 1
            """#),
        GoldenCase(name: "python-numbers", language: .python, source: #"""
            0x_FF 0o17 0b1010 1_000_000 3.14 .5 1. 1e10 1E-5 2.5e+3j 10j 1_0.0_1e1_0 0.+0.j
            """#),
        GoldenCase(name: "python-operators", language: .python, source: #"""
            a **= b //= c >>= d <<= e; f -> g := h ... @ != x ** y // z $ ?
            """#),
        GoldenCase(name: "python-continuation-comments", language: .python, source: #"""
            x = 1 + \
                2  # comment "not a string"
            @decorator  # another
            def f(): ...
            """#),
        GoldenCase(name: "python-unterminated", language: .python, source: #"""
            s = 'abc
            t = "x\"
            u = f"{v
            """#),
        GoldenCase(name: "python-unicode", language: .python, source: #"""
            é = "ü"; 名前 = 1
            🙂x = é
            """#),
    ]

    static let javaCases: [GoldenCase] = [
        GoldenCase(name: "java-generics-annotations", language: .java, source: #"""
            @Override
            public <T extends Comparable<T>> List<List<T>> sort(final int[] a) {
                return x >>> 2 >>= 1 >>>= 3;
            }
            @interface Marker {}
            """#),
        GoldenCase(name: "java-literals", language: .java, source: #"""
            String s = """
                Hello "world" \"""
                """;
            char c = 'a', d = '\u0041', e = '\'';
            long n = 1_000L; float f = 1.5f; double g = 0x1.8p3, h = 1e-3d, i = .5, j = 1.f;
            """#),
        GoldenCase(name: "java-comments", language: .java, source: #"""
            /* block "not a string" */ x = y; // line
            /** doc
             */ int $z = a::b;
            """#),
    ]

    static let javaScriptCases: [GoldenCase] = [
        GoldenCase(name: "javascript-templates", language: .javascript, source: #"""
            const s = `a${b + `c${d}e`}f${ {g: 1}.g }`;
            t = `x${ a.replace(/}/g, "`") /* } */ }y
            z` + 1;
            """#),
        GoldenCase(name: "javascript-regex-division", language: .javascript, source: #"""
            let r = /ab+c/gi, q = a / b / c;
            if (x) return /[/]/.test(s);
            y = (a) / 2; z = arr[0] / 3; w = this / 4; v = typeof /re/;
            n = i++ / 2; m = {} / 5;
            if (ok) /^a/.test(s); while (f(i)) /b/g.exec(t); g(x) / 2;
            """#),
        GoldenCase(name: "javascript-numbers", language: .javascript, source: #"""
            1_000 10n 0xFFn 0b1010 0o777 1.5e-3 .5 1..toString() a?.5:b
            """#),
        GoldenCase(name: "javascript-identifiers", language: .javascript, source: #"""
            #!/usr/bin/env node
            const π = 3.14, $ = 1, _a = 2, \u{61}b = 3, \u0061c = 4;
            class A { #x = 1; m() { return this.#x ?? null; } }
            """#),
        GoldenCase(name: "javascript-operators-strings", language: .javascript, source: #"""
            'it\'s' "a\"b" x ??= y?.z; f = (...args) => a === b !== c >>>= d;
            """#),
        GoldenCase(name: "typescript-generics", language: .typescript, source: #"""
            function f<T>(x: Array<Array<T>>): T | undefined { return x as any; }
            """#),
    ]

    static let genericCases: [GoldenCase] = [
        GoldenCase(name: "c-basics", language: .c, source: #"""
            #include <stdio.h>
            int main(void) { /* c */ printf("%d\n", 0x1Fu + 1.5e3f); // x
                return a->b >> 2 ? 'c' : '\''; }
            """#),
        GoldenCase(name: "shell-comments", language: .shell, source: #"""
            #!/bin/sh
            echo "$HOME" $# ${#arr[@]} a#b `date` # comment
            usage="line one
            line two"; echo \"quoted\" 'it''s'
            """#),
        GoldenCase(name: "sql-comments", language: .sql, source: #"""
            SELECT a--b
            FROM t WHERE x = 'it''s' -- trailing
            ;
            """#),
        GoldenCase(name: "rust-lifetimes", language: .rust, source: #"""
            fn f<'a>(x: &'a str) -> char { /* outer /* inner */ still */ 'x' }
            'outer: loop { break 'outer; } let r = 0..=9;
            r#"raw "quoted" \"# b"bytes\"" br"\d" r x"two
            lines" 1.max(2) 1..2 1.5
            """#),
        GoldenCase(name: "php-hash-comments", language: .php, source: #"""
            <?php # hash comment
            $x = 1; // c
            /* b */ echo "$x";
            """#),
        GoldenCase(name: "haskell-primes", language: .haskell, source: #"""
            foldl' f z (x:xs) = foldl' f (f z x) xs -- comment
            c = 'a'
            """#),
        GoldenCase(name: "swift-multiline", language: .swift, source: #"""
            let s = """
              multi "quoted"
              """ /* a /* b */ c */ + `raw`
            """#),
    ]
}
