import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A backend that asks any server exposing OpenAI's `POST /v1/completions`: vLLM,
/// text-generation-inference, llama.cpp's server, or OpenAI itself.
///
/// Ownership: a backend created without an `httpClient` makes its own on the shared event loop
/// group (no threads of its own) and must be shut down with `shutdown()` once no request is
/// running; one given an `httpClient` leaves it to the caller, and `shutdown()` does nothing.
///
/// `timeout` bounds the wait for the response head and, after that, each wait for more of the
/// body, so a stream that stalls fails as a stream that never starts does.
///
/// ```swift
/// let backend = try OpenAIBackend(baseURL: "http://127.0.0.1:8000", model: "bigcode/santacoder")
/// defer { Task { try await backend.shutdown() } }
/// let completion = try await backend.complete(CompletionRequest(prompt: "def fib(n):\n", maxTokens: 64))
/// ```
public struct OpenAIBackend: CompletionBackend {
    /// The server's root (or its `/v1`), as given.
    public let baseURL: String
    /// Where completions are asked for: `baseURL` + `/v1/completions`.
    public let completionsURL: String
    /// The `model` field sent with each request; nil leaves it out (servers with one model).
    public let model: String?
    /// The longest wait for the response head, and then for each part of the body.
    public let timeout: Duration
    /// The largest body read from the server.
    public var maxResponseBytes = 8 << 20
    private let apiKey: String?
    private let client: HTTPClient
    private let ownsClient: Bool

    /// The configured `model`.
    public var modelName: String? { model }

    /// A backend for the server at `baseURL` (`http://host:port` or `http://host:port/v1`);
    /// `apiKey` is sent as a bearer token.
    public init(
        baseURL: String, model: String?, apiKey: String? = nil, timeout: Duration = .seconds(60), httpClient: HTTPClient? = nil
    ) throws {
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw GatedCompletionError.upstreamUnreachable(url: baseURL, problem: "not an http:// or https:// address")
        }
        precondition(timeout > .zero, "the timeout must be positive")
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        self.baseURL = baseURL
        completionsURL = root.hasSuffix("/v1") ? root + "/completions" : root + "/v1/completions"
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        if let httpClient {
            client = httpClient
            ownsClient = false
        } else {
            let wait = Self.timeAmount(timeout)
            var configuration = HTTPClient.Configuration(timeout: .init(connect: min(wait, .seconds(10)), read: wait))
            configuration.decompression = .disabled
            client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            ownsClient = true
        }
    }

    /// Shuts down the HTTP client this backend made; call it once, after the last request.
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    // MARK: - Completions

    /// Posts the request and reads the whole JSON completion.
    public func complete(_ request: CompletionRequest) async throws -> BackendCompletion {
        try await mappingErrors {
            let response = try await send(request, stream: false)
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return try decodeCompletion(Data(body.readableBytesView))
        }
    }

    /// Posts the request with `stream: true` and yields each event's text; throws before
    /// returning when the server answers with an error status.
    public func stream(_ request: CompletionRequest) async throws -> AsyncThrowingStream<String, any Error> {
        let response = try await mappingErrors { try await send(request, stream: true) }
        let isEventStream = response.headers["content-type"].contains { $0.lowercased().contains("text/event-stream") }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: String.self)
        let reader = Task {
            do {
                try await mappingErrors {
                    if isEventStream {
                        try await readEvents(response.body, into: continuation)
                    } else {
                        // A server that ignores `stream` answers with one whole completion.
                        let body = try await response.body.collect(upTo: maxResponseBytes)
                        continuation.yield(try decodeCompletion(Data(body.readableBytesView)).text)
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in reader.cancel() }
        return stream
    }

    // MARK: - HTTP

    /// Posts the request and returns the response once its status says success.
    private func send(_ request: CompletionRequest, stream: Bool) async throws -> HTTPClientResponse {
        let body = OpenAICompletionRequest(
            model: model, prompt: request.prompt, suffix: request.suffix, maxTokens: request.maxTokens,
            temperature: request.temperature, topP: request.topP, stop: request.stop.isEmpty ? nil : StopSequences(request.stop),
            stream: stream, seed: request.seed)
        var http = HTTPClientRequest(url: completionsURL)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/json")
        http.headers.add(name: "Accept", value: stream ? "text/event-stream" : "application/json")
        if let apiKey { http.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        http.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        let response = try await client.execute(http, timeout: Self.timeAmount(timeout))
        guard (200..<300).contains(response.status.code) else {
            let text = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
            throw GatedCompletionError.upstreamStatus(
                url: completionsURL, status: Int(response.status.code), body: GatedCompletionError.firstLine(of: text))
        }
        return response
    }

    /// Yields the text of each event until `[DONE]` or the end of the body.
    private func readEvents(_ body: HTTPClientResponse.Body, into continuation: AsyncThrowingStream<String, any Error>.Continuation) async throws {
        var parser = ServerSentEventParser()
        for try await buffer in body {
            for data in parser.feed(buffer.readableBytesView) {
                if data == "[DONE]" { return }
                let text = try decodeCompletion(Data(data.utf8)).text
                if !text.isEmpty { continuation.yield(text) }
            }
        }
        if let data = parser.finish(), data != "[DONE]" {
            let text = try decodeCompletion(Data(data.utf8)).text
            if !text.isEmpty { continuation.yield(text) }
        }
    }

    // MARK: - Decoding

    /// What the gate reads of a completion or of one streamed chunk; other fields are ignored.
    private struct UpstreamCompletion: Decodable {
        struct Choice: Decodable {
            var text: String?
            var finish_reason: String?
        }

        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }

        var choices: [Choice]
        var usage: Usage?
    }

    private func decodeCompletion(_ data: Data) throws -> BackendCompletion {
        let decoded: UpstreamCompletion
        do {
            decoded = try JSONDecoder().decode(UpstreamCompletion.self, from: data)
        } catch {
            let start = GatedCompletionError.firstLine(of: String(decoding: data.prefix(200), as: UTF8.self), limit: 80)
            throw GatedCompletionError.upstreamMalformed(url: completionsURL, problem: "expected {\"choices\": [{\"text\": …}]}, got '\(start)'")
        }
        guard let choice = decoded.choices.first else {
            throw GatedCompletionError.upstreamMalformed(url: completionsURL, problem: "no choices")
        }
        let usage = decoded.usage.flatMap { usage in
            usage.prompt_tokens.flatMap { prompt in
                usage.completion_tokens.map { OpenAICompletionResponse.Usage(promptTokens: prompt, completionTokens: $0) }
            }
        }
        return BackendCompletion(text: choice.text ?? "", finishReason: choice.finish_reason, usage: usage)
    }

    // MARK: - Errors

    /// Runs `body`, turning the HTTP client's errors into one-line `GatedCompletionError`s.
    private func mappingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout:
                let (seconds, attoseconds) = timeout.components
                throw GatedCompletionError.upstreamTimeout(url: completionsURL, seconds: Double(seconds) + Double(attoseconds) / 1e18)
            case .cancelled:
                throw CancellationError()
            default:
                throw GatedCompletionError.upstreamUnreachable(url: completionsURL, problem: "\(error)")
            }
        } catch let error as GatedCompletionError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            let problem = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            throw GatedCompletionError.upstreamUnreachable(url: completionsURL, problem: problem)
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
