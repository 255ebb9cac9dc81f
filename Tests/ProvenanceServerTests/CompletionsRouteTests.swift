import Foundation
import GatedCompletion
import HTTPTypes
import HummingbirdTesting
import IndexStore
import Matching
import NIOCore
import ProvenanceServer
import ProvenanceTestSupport
import Reporting
import Testing

/// A backend that answers each request with the next scripted text, in chunks of one line
/// when streaming, and records what it was asked.
final class ScriptedBackend: CompletionBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [String]
    private(set) var requests: [CompletionRequest] = []

    init(_ replies: [String]) {
        self.replies = replies
    }

    private func next(_ request: CompletionRequest) -> String {
        lock.withLock {
            requests.append(request)
            return replies.isEmpty ? "" : replies.removeFirst()
        }
    }

    func complete(_ request: CompletionRequest) async throws -> BackendCompletion {
        BackendCompletion(text: next(request), finishReason: "stop")
    }

    func stream(_ request: CompletionRequest) async throws -> AsyncThrowingStream<String, any Error> {
        let lines = next(request).split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\n" }
        return AsyncThrowingStream { continuation in
            for line in lines { continuation.yield(String(line)) }
            continuation.finish()
        }
    }
}

/// `POST /v1/completions` through the gate: allowed, annotated, blocked and streamed.
struct CompletionsRouteTests {
    /// The router with a gate whose backend answers `replies(fixture)` in turn.
    static func withGate(
        _ replies: (ServerFixture) -> [String],
        _ body: @Sendable (ServerFixture, ServerEnvironment, ScriptedBackend, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        var environment = try fixture.environment()
        let backend = ScriptedBackend(replies(fixture))
        environment.gate = CompletionGate(
            backend: backend, matcher: Matcher(index: try IndexReader(path: fixture.index.path)), policy: .default, format: .none)
        let ready = environment
        try await fixture.test(ready) { client in try await body(fixture, ready, backend, client) }
    }

    static func complete(_ client: any TestClientProtocol, _ object: [String: Any]) async throws -> TestResponse {
        try await client.execute(
            uri: "/v1/completions", method: .post, headers: [.contentType: "application/json"], body: try json(object))
    }

    static let novel: String = {
        var generator = CodeGenerator(seed: 321)
        return generator.pythonFunction()
    }()

    @Test("novel code is returned as written and allowed; a copy of MIT code comes back with its source")
    func allowedAndAnnotated() async throws {
        try await Self.withGate({ [Self.novel, $0.target] }) { fixture, _, _, client in
            let allowed = try await Self.complete(client, ["prompt": "import os\n", "max_tokens": 200, "language": "python"])
            #expect(allowed.status == .ok, "\(allowed.text)")
            let first = try #require(try allowed.decode(OpenAICompletionResponse.self).choices.first)
            #expect(first.text == Self.novel && first.attribution?.action == .allowed)

            let annotated = try await Self.complete(client, ["prompt": "import os\n", "max_tokens": 200, "language": "python"])
            let second = try #require(try annotated.decode(OpenAICompletionResponse.self).choices.first)
            #expect(second.text == fixture.target)
            #expect(second.attribution?.action == .annotated)
            #expect(second.attribution?.matches.first?.source.repo == "acme/tools")
        }
    }

    @Test("GPL code is blocked: retried, then empty with the reason, and counted in the metrics")
    func blocked() async throws {
        try await Self.withGate({ Array(repeating: $0.blocked, count: 3) }) { _, _, backend, client in
            let response = try await Self.complete(client, ["prompt": "import os\n", "max_tokens": 200, "language": "python"])
            #expect(response.status == .ok, "\(response.text)")
            let choice = try #require(try response.decode(OpenAICompletionResponse.self).choices.first)
            #expect(choice.text.isEmpty && choice.finishReason == "content_filter")
            #expect(choice.attribution?.action == .blocked && choice.attribution?.attempts == 3)
            #expect(backend.requests.count == 3)
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains("provenance_completions_blocked_total 1"), "\(metrics)")
        }
    }

    @Test("streaming a GPL copy sends none of it and, every attempt blocked, ends with the blocked attribution and [DONE]")
    func streamCutOff() async throws {
        // Caught before any text was sent, so retried: two retries by default, all copying.
        try await Self.withGate({ Array(repeating: $0.blocked, count: 3) }) { fixture, _, backend, client in
            let response = try await Self.complete(
                client, ["prompt": "import os\n", "max_tokens": 200, "language": "python", "stream": true])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let events = response.text.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: ") }
            #expect(events.last == "data: [DONE]")
            let chunks = try events.dropLast().map {
                try JSONDecoder().decode(OpenAICompletionChunk.self, from: Data($0.dropFirst(6).utf8))
            }
            let sent = chunks.flatMap(\.choices).map(\.text).joined()
            let copiedLines = fixture.blocked.split(separator: "\n").dropFirst(2)
            #expect(!copiedLines.contains { sent.contains($0) }, "sent: \(sent)")
            #expect(chunks.last?.choices.first?.attribution?.action == .blocked)
            #expect(chunks.last?.choices.first?.attribution?.attempts == 3)
            #expect(backend.requests.count == 3)
        }
    }

    @Test("bad completion requests get 400 naming the problem; no backend is 501", arguments: [
        (#"{"max_tokens": 5}"#, "prompt"),
        (#"{"prompt": "x", "max_tokens": 0}"#, "max_tokens"),
        (#"{"prompt": "x", "temperature": -1}"#, "temperature"),
        (#"{"prompt": "x", "n": 2}"#, "n"),
    ])
    func badRequests(body: String, problem: String) async throws {
        try await Self.withGate({ _ in [] }) { _, _, backend, client in
            let response = try await client.execute(
                uri: "/v1/completions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            try response.expectError(.badRequest, type: "invalid_request_error", mentioning: problem)
            #expect(backend.requests.isEmpty)
        }
        try await ServerFixture.withServer { _, _, client in
            let response = try await client.execute(
                uri: "/v1/completions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"prompt": "x"}"#))
            try response.expectError(.notImplemented, type: "not_configured_error", mentioning: "--backend-url")
        }
    }
}
