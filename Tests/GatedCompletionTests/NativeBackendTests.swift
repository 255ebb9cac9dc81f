import BigCodeRuntime
import Foundation
import GatedCompletion
import IndexStore
import ProvenanceTestSupport
import Reporting
import Testing

/// The in-process backend on the tiny random checkpoint of BigCodeRuntimeTests' fixtures,
/// whose greedy continuations are transformers' (scripts/make_bigcode_goldens.py).
struct NativeBackendTests {
    static let checkpoint = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BigCodeRuntimeTests/Fixtures/models/mqa-fused-f32")
    static let greedy = "elloelloelloelloelloellors\u{FFFD}\u{FFFD}\u{FFFD}aa"

    static func backend() throws -> NativeBackend {
        NativeBackend(generator: try TextGenerator(folder: checkpoint), modelName: "tiny")
    }

    @Test("complete gives the greedy continuation, with OpenAI's finish reason and token counts")
    func complete() async throws {
        let completion = try await Self.backend().complete(CompletionRequest(prompt: "def add(a, b):\n", maxTokens: 12, temperature: 0))
        #expect(completion.text == Self.greedy)
        #expect(completion.finishReason == "length")
        #expect(completion.usage?.completionTokens == 12)
        #expect((completion.usage?.promptTokens ?? 0) > 0)
    }

    @Test("stream yields the same text in pieces")
    func stream() async throws {
        var pieces: [String] = []
        for try await piece in try await Self.backend().stream(CompletionRequest(prompt: "def add(a, b):\n", maxTokens: 12)) {
            pieces.append(piece)
        }
        #expect(pieces.count > 1)
        #expect(pieces.joined() == Self.greedy)
    }

    @Test("a suffix becomes the checkpoint's own fill-in-the-middle prompt")
    func fillInTheMiddle() async throws {
        let request = CompletionRequest(prompt: "def mean(xs):\n    ", suffix: "\n    return total / len(xs)\n", maxTokens: 12)
        #expect(try await Self.backend().complete(request).text == "@Welloclass\u{FFFD}=elloelloclass)rsello")
    }

    @Test("through the gate, novel output is returned as the model wrote it and allowed")
    func gated() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let gate = CompletionGate(backend: try Self.backend(), matcher: try corpus.matcher(), policy: .default, format: .none)
        let response = try await gate.complete(OpenAICompletionRequest(prompt: "def add(a, b):\n", maxTokens: 12, temperature: 0))
        let choice = try #require(response.choices.first)
        #expect(choice.text == Self.greedy)
        #expect(choice.attribution?.action == .allowed)
        #expect(response.model == "tiny")
    }

    @Test("a prompt longer than the model's context is a one-line model error")
    func tooLong() async throws {
        let prompt = String(repeating: "x = 1\n", count: 5_000)
        await #expect(throws: GatedCompletionError.self) {
            _ = try await Self.backend().complete(CompletionRequest(prompt: prompt, maxTokens: 4))
        }
    }
}
