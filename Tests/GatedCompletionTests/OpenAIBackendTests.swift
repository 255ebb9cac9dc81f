@testable import GatedCompletion
import Testing

/// The HTTP backend against a real local server: the wire format, both response kinds, and errors.
struct OpenAIBackendTests {
    @Test("a request goes to /v1/completions with the model, bearer key and sampling fields")
    func wireFormat() async throws {
        let request = CompletionRequest(prompt: "def f():\n", maxTokens: 16, temperature: 0.1, topP: 0.9, stop: ["\n\n"], seed: 3)
        let (completion, received) = try await withScriptedBackend([.completion("    return 1\n")], apiKey: "secret", baseSuffix: "/v1/") { server, backend in
            (try await backend.complete(request), server.received)
        }
        #expect(completion == BackendCompletion(text: "    return 1\n", finishReason: "stop", usage: .init(promptTokens: 10, completionTokens: 3)))
        let sent = try #require(received.first)
        #expect(sent.path == "/v1/completions")
        #expect(sent.authorization == "Bearer secret")
        #expect(sent.body == OpenAICompletionRequest(
            model: "scripted-coder", prompt: "def f():\n", maxTokens: 16, temperature: 0.1, topP: 0.9, stop: ["\n\n"], stream: false, seed: 3))
    }

    @Test("a server-sent event stream arrives piece by piece; a server that ignores stream still works")
    func streams() async throws {
        let pieces = ["def ", "f():\n", "    return \"é\"\n"]
        let streamed = try await withScriptedBackend([.events(pieces, pause: .milliseconds(1)), .completion("whole")]) { server, backend in
            var streamed: [[String]] = []
            for _ in 0..<2 {
                var received: [String] = []
                for try await piece in try await backend.stream(CompletionRequest(prompt: "")) { received.append(piece) }
                streamed.append(received)
            }
            #expect(server.received.first?.body?.stream == true)
            return streamed
        }
        #expect(streamed == [pieces, ["whole"]])
    }

    @Test("an address where nothing listens is an unreachable-server error")
    func unreachable() async throws {
        let server = try await ScriptedCompletionServer.start([])
        await server.stop()
        let backend = try OpenAIBackend(baseURL: server.baseURL, model: nil, timeout: .milliseconds(300))
        let error = await #expect(throws: GatedCompletionError.self) { try await backend.complete(CompletionRequest(prompt: "x")) }
        try await backend.shutdown()
        guard case .upstreamUnreachable(let url, _) = error else {
            Issue.record("expected upstreamUnreachable, got \(String(describing: error))")
            return
        }
        #expect(url == server.baseURL + "/v1/completions")
    }

    @Test("a base URL that is not http(s) is refused")
    func badBaseURL() {
        #expect(throws: GatedCompletionError.self) { try OpenAIBackend(baseURL: "ftp://example", model: nil) }
    }

    @Test("the event-stream parser gives the same events however the bytes are split")
    func serverSentEventSplits() {
        let body = Array("data: {\"a\":\"é\"}\r\n\r\n: keep-alive\n\nevent: x\ndata: one\ndata: two\n\ndata:[DONE]".utf8)
        for cut in 0...body.count {
            var parser = ServerSentEventParser()
            var events = parser.feed(body[..<cut]) + parser.feed(body[cut...])
            if let last = parser.finish() { events.append(last) }
            #expect(events == ["{\"a\":\"é\"}", "one\ntwo", "[DONE]"], "cut at \(cut)")
        }
    }
}
