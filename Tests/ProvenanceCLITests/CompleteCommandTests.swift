import Foundation
import ProvenanceTestSupport
import Testing

/// `provenance complete` on the tiny random checkpoint of BigCodeRuntimeTests' fixtures.
///
/// The expected texts are transformers' greedy continuations decoded by Hugging Face
/// `tokenizers` (see scripts/make_bigcode_goldens.py); the random model writes gibberish,
/// invalid UTF-8 included, which must come out as U+FFFD exactly as `tokenizers` decodes it.
struct CompleteCommandTests {
    static let checkpoint = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BigCodeRuntimeTests/Fixtures/models/mqa-fused-f32").path

    @Test("complete prints only the greedy continuation")
    func greedyCompletion() throws {
        let result = try CommandRunner().run(["complete", "--model", Self.checkpoint, "--max-tokens", "12", "def add(a, b):\n"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "elloelloelloelloelloellors\u{FFFD}\u{FFFD}\u{FFFD}aa")
    }

    @Test("complete --weights bf16 keeps the greedy continuation on the tiny checkpoint")
    func bfloat16Weights() throws {
        let result = try CommandRunner().run(["complete", "--model", Self.checkpoint, "--weights", "bf16", "--max-tokens", "12", "def add(a, b):\n"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "elloelloelloelloelloellors\u{FFFD}\u{FFFD}\u{FFFD}aa")
    }

    @Test("complete --suffix builds a SantaCoder fill-in-the-middle prompt")
    func fillInTheMiddle() throws {
        let arguments = ["complete", "--model", Self.checkpoint, "--suffix", "\n    return total / len(xs)\n", "--max-tokens", "12", "def mean(xs):\n    "]
        let result = try CommandRunner().run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "@Welloclass\u{FFFD}=elloelloclass)rsello")
    }

    @Test("complete stops before a stop sequence and reads the prompt from standard input")
    func stopSequenceFromStandardInput() throws {
        let arguments = ["complete", "--model", Self.checkpoint, "--max-tokens", "12", "--stop", "class", "-"]
        let result = try CommandRunner().run(arguments, input: Data("<fim-prefix>def mean(xs):\n    <fim-suffix>\n    return total / len(xs)\n<fim-middle>".utf8))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "@Wello")
    }

    @Test("complete --db checks the completion against the index before printing it")
    func gated() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let result = try fixture.run(["complete", "--model", Self.checkpoint, "--db", fixture.database, "--max-tokens", "12", "def add(a, b):\n"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "elloelloelloelloelloellors\u{FFFD}\u{FFFD}\u{FFFD}aa")
        #expect(result.standardError.contains("completion allowed after 1 attempt(s)"))
        let missing = try fixture.run(["complete", "--model", Self.checkpoint, "--db", "absent.sqlite", "x"])
        #expect(missing.status == 2 && missing.standardError.split(separator: "\n").count == 1, "\(missing.standardError)")
    }

    @Test("seeded sampling is reproducible")
    func seededSampling() throws {
        let arguments = ["complete", "--model", Self.checkpoint, "--temperature", "0.8", "--top-k", "20", "--top-p", "0.9", "--seed", "11", "--max-tokens", "8", "x = "]
        let first = try CommandRunner().run(arguments)
        let second = try CommandRunner().run(arguments)
        #expect(first.status == 0 && first.standardOutput == second.standardOutput && !first.standardOutput.isEmpty)
    }

    @Test("a bad checkpoint or option exits 2 with one line",
          arguments: [
            (["complete", "--model", "/nonexistent", "x"], "config.json is missing"),
            (["complete", "--model", "/nonexistent", "--top-p", "0", "x"], "--top-p must be in (0, 1]"),
            (["complete", "--model", "/nonexistent", "--weights", "fp16", "x"], "fp16"),
          ])
    func badInput(arguments: [String], message: String) throws {
        let result = try CommandRunner().run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
    }
}
