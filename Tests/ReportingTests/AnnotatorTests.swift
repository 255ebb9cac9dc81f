import ProvenanceCore
import Reporting
import Testing

/// The annotation writer on text alone: what it inserts, where, and that nothing else changes.
struct AnnotatorTests {
    static let python = Language.python.commentSyntax

    /// A match of query lines `lines` from acme/tools `tools/core.py` lines 12-20.
    static func match(
        _ lines: ClosedRange<Int>, license: String = "MIT", url: String? = nil, revision: String? = nil,
        path: String = "tools/core.py"
    ) -> FileReport.Match {
        FileReport.Match(
            query: .init(startLine: lines.lowerBound, endLine: lines.upperBound), tokens: 60, characters: 200,
            kind: .exact, action: .annotate,
            source: .init(repo: "acme/tools", path: path, license: license, startLine: 12, endLine: 20, url: url, revision: revision))
    }

    static func annotate(_ text: String, _ matches: [FileReport.Match], style: Annotator.Style = .comment, syntax: CommentSyntax = python) -> String {
        String(decoding: Annotator(style: style, syntax: syntax).annotate(Array(text.utf8), matches: matches).bytes, as: UTF8.self)
    }

    @Test("a comment line goes above the span with the span's indentation")
    func commentStyle() {
        let text = "import os\n\nclass A:\n    def f(self):\n        return 1\n"
        #expect(Self.annotate(text, [Self.match(4...5)]) == """
            import os

            class A:
                # provenance: exact copy of acme/tools tools/core.py lines 12-20, license MIT
                def f(self):
                    return 1

            """)
    }

    @Test("SPDX tags go around the span; unknown licenses are NOASSERTION; no copyright is invented")
    func spdxStyle() {
        let text = "x = 1\ndef f():\n    return 2\ny = 3\n"
        #expect(Self.annotate(text, [Self.match(2...3, license: "unknown")], style: .spdx) == """
            x = 1
            # SPDX-SnippetBegin
            # SPDX-License-Identifier: NOASSERTION
            # provenance: exact copy of acme/tools tools/core.py lines 12-20, license unknown
            def f():
                return 2
            # SPDX-SnippetEnd
            y = 3

            """)
    }

    @Test("the file's own comment syntax and tab indentation are used")
    func javaScript() {
        let text = "function outer() {\n\tfunction inner() {}\n}\n"
        let annotated = Self.annotate(text, [Self.match(2...2)], syntax: Language.javascript.commentSyntax)
        #expect(annotated.split(separator: "\n")[1] == "\t// provenance: exact copy of acme/tools tools/core.py lines 12-20, license MIT")
    }

    @Test("CRLF files get CRLF annotation lines; a last line without newline keeps having none")
    func lineEndings() {
        let text = "a = 1\r\ndef f():\r\n    return 2"
        #expect(Self.annotate(text, [Self.match(2...3)], style: .spdx) == "a = 1\r\n# SPDX-SnippetBegin\r\n# SPDX-License-Identifier: MIT\r\n"
            + "# provenance: exact copy of acme/tools tools/core.py lines 12-20, license MIT\r\n"
            + "def f():\r\n    return 2\r\n# SPDX-SnippetEnd")
    }

    @Test("annotating the annotated text again changes nothing, in both styles")
    func idempotent() {
        let text = "import os\ndef f():\n    return 1\ndef g():\n    return 2\n"
        for style in Annotator.Style.allCases {
            let once = Self.annotate(text, [Self.match(2...3), Self.match(4...5, path: "other.py")], style: style)
            // A second run finds the same spans (comments are invisible to the lexer), each now below its annotation.
            let lines = once.split(separator: "\n", omittingEmptySubsequences: false)
            let f = lines.firstIndex(of: "def f():")! + 1, g = lines.firstIndex(of: "def g():")! + 1
            let again = [Self.match(f...(f + 1)), Self.match(g...(g + 1), path: "other.py")]
            #expect(Self.annotate(once, again, style: style) == once, "\(style)")
            let result = Annotator(style: style, syntax: Self.python).annotate(Array(once.utf8), matches: again)
            #expect(result.annotated == 0 && result.alreadyAnnotated == 2)
        }
    }

    @Test("a file's own SPDX header or comments above a span do not count as an annotation")
    func unrelatedComments() {
        let text = "# SPDX-License-Identifier: MIT\n# helper\ndef f():\n    return 1\n"
        let result = Annotator(style: .spdx, syntax: Self.python).annotate(Array(text.utf8), matches: [Self.match(3...4)])
        #expect(result.annotated == 1)
    }

    @Test("bytes outside the inserted lines are kept exactly, invalid UTF-8 included")
    func otherBytesKept() {
        let bytes: [UInt8] = Array("s = '".utf8) + [0xE9, 0xFF] + Array("'\ndef f():\n    return 1\n".utf8)
        let result = Annotator(style: .comment, syntax: Self.python).annotate(bytes, matches: [Self.match(2...3)])
        let header = Array("# provenance: exact copy of acme/tools tools/core.py lines 12-20, license MIT\n".utf8)
        #expect(result.bytes == Array(bytes[0..<9]) + header + Array(bytes[9...]))
    }

    @Test("nested and adjacent SPDX snippets close innermost first and end before the next begins")
    func snippetOrder() {
        let text = "a\nb\nc\nd\n"
        let lines = Self.annotate(text, [Self.match(1...3), Self.match(2...3, path: "inner.py"), Self.match(4...4, path: "next.py")], style: .spdx)
            .split(separator: "\n").filter { !$0.contains("License") && !$0.contains("provenance:") }
        #expect(lines == ["# SPDX-SnippetBegin", "a", "# SPDX-SnippetBegin", "b", "c", "# SPDX-SnippetEnd", "# SPDX-SnippetEnd",
                          "# SPDX-SnippetBegin", "d", "# SPDX-SnippetEnd"])
    }

    @Test("a known repository address becomes a link; line breaks in corpus names cannot end the comment")
    func linksAndSanitising() {
        let text = "def f():\n    return 1\n"
        let linked = Self.annotate(text, [Self.match(1...2, url: "https://github.com/acme/tools.git", revision: "0123abcd")])
        #expect(linked.hasPrefix("# provenance: exact copy of acme/tools tools/core.py lines 12-20, license MIT, https://github.com/acme/tools/blob/0123abcd/tools/core.py#L12-L20\n"))
        let hostile = Self.annotate(text, [Self.match(1...2, path: "evil\nimport os\u{2028}.py")])
        #expect(hostile.split(separator: "\n").count == 3)
        #expect(hostile.contains("evil?import os?.py"))
    }

    @Test("spans outside the file are ignored rather than trusted")
    func outOfRange() {
        let result = Annotator(style: .comment, syntax: Self.python).annotate(Array("x = 1\n".utf8), matches: [Self.match(5...9)])
        #expect(result.bytes == Array("x = 1\n".utf8) && result.annotated == 0)
    }
}
