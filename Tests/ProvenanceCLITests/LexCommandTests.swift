import Foundation
import ProvenanceTestSupport
import Testing

/// `provenance lex` and `provenance fingerprint` as a user runs them.
struct LexCommandTests {
    @Test("lex prints kind, line:column and text for each token")
    func lexPrintsTokens() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try folder.write("hello.py", "def greet(name):\n    return f\"hi {name}\"  # wave\n")
        let result = try CommandRunner().run(["lex", file.path])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "keyword\t1:1\tdef")
        #expect(lines.contains("keyword\t2:5\treturn"))
        #expect(lines.contains("string\t2:12\tf\"hi {name}\""))
        #expect(!result.standardOutput.contains("wave"))
    }

    @Test("lex reads standard input with an explicit language")
    func lexStandardInput() throws {
        let result = try CommandRunner().run(["lex", "--language", "java", "-"], input: Data("int x = 0x1F;".utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").map(String.init)
            == ["keyword\t1:1\tint", "identifier\t1:5\tx", "operator\t1:7\t=", "number\t1:9\t0x1F", "operator\t1:13\t;"])
    }

    @Test("bad input exits 2 with one line naming the problem",
          arguments: [
            (["lex", "/nonexistent/file.py"], "no such file"),
            (["lex", "--language", "klingon", "x.py"], "unknown language 'klingon'"),
            (["fingerprint", "--k", "0", "x.py"], "--k must be at least 1"),
          ])
    func badInput(arguments: [String], message: String) throws {
        let result = try CommandRunner().run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test("fingerprint reports both views and the MinHash bands")
    func fingerprintCommand() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let code = (0..<30).map { "total_\($0) = compute(values[\($0)], weight=\($0) * 2) + offset\n" }.joined()
        let file = try folder.write("sums.py", code)
        let result = try CommandRunner().run(["fingerprint", file.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("exact: "))
        #expect(result.standardOutput.contains("normalized: "))
        #expect(result.standardOutput.contains("minhash: 256 permutations"))
    }
}
