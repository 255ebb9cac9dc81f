import Foundation
import GatedCompletion
import ProvenanceCore
import Reporting
import Testing

/// The OpenAI wire format: what requests decode to, which values are refused, what responses look like.
struct WireFormatTests {
    @Test("a request decodes snake_case fields, Provenance's extensions, and stop as a string or an array")
    func decodesRequests() throws {
        let json = """
            {"model": "santacoder", "prompt": "def f():", "suffix": "\\n", "max_tokens": 32, "temperature": 0.2,
             "top_p": 0.95, "n": 1, "stop": "\\n\\n", "stream": true, "seed": 5, "language": "py",
             "filename": "a/b.py", "annotate_comments": true, "logit_bias": {}}
            """
        let request = try JSONDecoder().decode(OpenAICompletionRequest.self, from: Data(json.utf8))
        #expect(request == OpenAICompletionRequest(
            model: "santacoder", prompt: "def f():", suffix: "\n", maxTokens: 32, temperature: 0.2, topP: 0.95, n: 1,
            stop: ["\n\n"], stream: true, seed: 5, language: "py", filename: "a/b.py", annotateComments: true))
        #expect(request.validationProblem() == nil)
        #expect(request.resolvedLanguage(fallback: .other) == .python)
        let array = try JSONDecoder().decode(OpenAICompletionRequest.self, from: Data(#"{"prompt": "", "stop": ["a", "b"]}"#.utf8))
        #expect(array.stop == ["a", "b"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OpenAICompletionRequest.self, from: Data(#"{"prompt": "", "stop": 3}"#.utf8)) }
    }

    @Test("bad values are named in one line", arguments: [
        (OpenAICompletionRequest(prompt: "", maxTokens: -1), "max_tokens must be between 1 and 4096, got -1"),
        (OpenAICompletionRequest(prompt: "", maxTokens: 5000), "max_tokens must be between 1 and 4096, got 5000"),
        (OpenAICompletionRequest(prompt: "", temperature: -0.5), "temperature must be between 0 and 2, got -0.5"),
        (OpenAICompletionRequest(prompt: "", topP: 0), "top_p must be in (0, 1], got 0.0"),
        (OpenAICompletionRequest(prompt: "", topP: 1.5), "top_p must be in (0, 1], got 1.5"),
        (OpenAICompletionRequest(prompt: "", n: 3), "n must be 1, got 3: the gate checks and retries one completion at a time"),
        (OpenAICompletionRequest(prompt: "", stop: ["a", "b", "c", "d", "e"]), "stop takes at most 4 sequences, got 5"),
        (OpenAICompletionRequest(prompt: "", stop: [""]), "stop sequences must not be empty"),
    ])
    func validation(request: OpenAICompletionRequest, problem: String) {
        #expect(request.validationProblem() == problem)
    }

    @Test("the language comes from language, else the filename's extension, else the fallback")
    func languages() {
        #expect(OpenAICompletionRequest(prompt: "", language: "JS", filename: "x.py").resolvedLanguage(fallback: .other) == .javascript)
        #expect(OpenAICompletionRequest(prompt: "", filename: "src/Main.java").resolvedLanguage(fallback: .other) == .java)
        #expect(OpenAICompletionRequest(prompt: "", filename: "README").resolvedLanguage(fallback: .python) == .python)
    }

    @Test("a response writes logprobs and finish_reason as null when absent, and the attribution")
    func encodesResponses() throws {
        let attribution = CompletionAttribution(matches: [], verdict: .allow, action: .allowed, attempts: 1)
        let response = OpenAICompletionResponse(
            id: "cmpl-1", created: 7, model: "m", choices: [.init(text: "x", finishReason: "stop", attribution: attribution)],
            usage: .init(promptTokens: 2, completionTokens: 3))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(response), as: UTF8.self)
        #expect(json == #"{"choices":[{"attribution":{"action":"allowed","attempts":1,"matches":[],"verdict":"allow"},"#
            + #""finish_reason":"stop","index":0,"logprobs":null,"text":"x"}],"created":7,"id":"cmpl-1","model":"m","#
            + #""object":"text_completion","usage":{"completion_tokens":3,"prompt_tokens":2,"total_tokens":5}}"#)
        #expect(try JSONDecoder().decode(OpenAICompletionResponse.self, from: Data(json.utf8)) == response)
    }

    @Test("a stream chunk is one server-sent event; only the last has a finish_reason")
    func chunkEvents() throws {
        let chunk = OpenAICompletionChunk(id: "cmpl-1", created: 7, model: "m", choices: [.init(text: "a\nb", finishReason: nil, attribution: nil)])
        #expect(try chunk.serverSentEvent() == #"data: {"choices":[{"finish_reason":null,"index":0,"logprobs":null,"text":"a\nb"}],"#
            + #""created":7,"id":"cmpl-1","model":"m","object":"text_completion"}"# + "\n\n")
        #expect(!chunk.isFinal)
        #expect(OpenAICompletionChunk.doneEvent == "data: [DONE]\n\n")
    }

    @Test("fill-in-the-middle prompts for both model families; no suffix, no special tokens", arguments: [
        (FIMFormat.santaCoder, "<fim-prefix>def f():\n<fim-suffix>\nf()\n<fim-middle>"),
        (FIMFormat.starCoder, "<fim_prefix>def f():\n<fim_suffix>\nf()\n<fim_middle>"),
        (FIMFormat.none, "def f():\n"),
    ])
    func fimFormats(format: FIMFormat, prompt: String) {
        #expect(format.format(prefix: "def f():\n", suffix: "\nf()\n") == prompt)
        #expect(format.format(prefix: "def f():\n", suffix: nil) == "def f():\n")
    }

    @Test("retries sample hotter, up to a ceiling, with a new seed each time", arguments: [
        (0.0 as Double?, 5 as Int?, [(0.0, 5), (0.3, 6), (0.6, 7), (0.9, 8), (1.0, 9)]),
        (nil, nil, [(nil, nil), (1.0, 1), (1.0, 2)]),
        (1.5, 0, [(1.5, 0), (1.5, 1)]),
    ] as [(Double?, Int?, [(Double?, Int?)])])
    func retrySampling(temperature: Double?, seed: Int?, expected: [(Double?, Int?)]) {
        let first = CompletionRequest(prompt: "p", temperature: temperature, seed: seed)
        for (attempt, (temperature, seed)) in expected.enumerated() {
            let request = RetrySampling.default.request(first, attempt: attempt)
            #expect(abs((request.temperature ?? -1) - (temperature ?? -1)) < 1e-9 && request.seed == seed, "attempt \(attempt)")
            #expect(request.prompt == "p")
        }
    }
}
