import Foundation
import GatedCompletion
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on 127.0.0.1 that answers `POST /v1/completions` from a script, one reply
/// per request in order, and records what it was asked.
///
/// ```swift
/// let server = try await ScriptedCompletionServer.start([.completion("x = 1\n"), .status(500, "boom")])
/// defer { Task { await server.stop() } }   // tests use `withServer` instead
/// ```
final class ScriptedCompletionServer: Sendable {
    /// One scripted answer.
    enum Reply: Sendable {
        /// 200 with a JSON completion of `text`.
        case completion(String)
        /// 200 with server-sent events, one chunk per piece, each followed by its pause, then `[DONE]`.
        case events([(text: String, pause: Duration)])
        /// An error status with a body.
        case status(Int, String)
        /// 200 with `body` as it is.
        case raw(String, contentType: String)
        /// Waits `delay` before answering with `then`.
        indirect case stall(Duration, then: Reply)

        /// Server-sent events `pause` apart.
        static func events(_ pieces: [String], pause: Duration) -> Reply {
            .events(pieces.map { ($0, pause) })
        }
    }

    /// A request as the server saw it.
    struct Received: Sendable {
        var path: String
        var authorization: String?
        var body: OpenAICompletionRequest?
    }

    /// How a scripted event stream ended.
    enum StreamOutcome: Sendable, Equatable {
        /// Every piece and `[DONE]` were written.
        case finished
        /// The client went away after `piecesWritten` pieces.
        case abandoned(piecesWritten: Int)
    }

    private struct State {
        var replies: [Reply]
        var received: [Received] = []
        var streams: [StreamOutcome] = []
    }

    let port: Int
    private let state: Mutex<State>
    private let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let acceptor: Mutex<Task<Void, Never>?> = Mutex(nil)

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(replies: [Reply], channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>) {
        state = Mutex(State(replies: replies))
        self.channel = channel
        port = channel.channel.localAddress?.port ?? 0
    }

    static func start(_ replies: [Reply]) async throws -> ScriptedCompletionServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let server = ScriptedCompletionServer(replies: replies, channel: channel)
        let acceptor = Task {
            // Cancelling the task (stop()) ends the accept loop, closes the socket and every connection.
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await channel.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await server.serve(connection) }
                    }
                }
            }
        }
        server.acceptor.withLock { $0 = acceptor }
        return server
    }

    /// Closes the listening socket and ends every connection still open.
    func stop() async {
        let acceptor = acceptor.withLock { $0 }
        acceptor?.cancel()
        await acceptor?.value
    }

    var received: [Received] { state.withLock { $0.received } }

    /// The outcome of each event stream served so far.
    var streamOutcomes: [StreamOutcome] { state.withLock { $0.streams } }

    /// Waits until `count` event streams have ended (at most 30 seconds: test machines can be busy).
    func waitForStreams(_ count: Int) async throws -> [StreamOutcome] {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while streamOutcomes.count < count, clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        return streamOutcomes
    }

    // MARK: - Serving

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                case .body(var buffer):
                    body.writeBuffer(&buffer)
                case .end:
                    let reply = record(head, body: body)
                    try await respond(reply, to: outbound)
                    return  // every reply closes its connection
                }
            }
        }
    }

    private func record(_ head: HTTPRequestHead?, body: ByteBuffer) -> Reply {
        let request = try? JSONDecoder().decode(OpenAICompletionRequest.self, from: Data(body.readableBytesView))
        let received = Received(path: head?.uri ?? "", authorization: head?.headers["authorization"].first, body: request)
        return state.withLock { state in
            state.received.append(received)
            return state.replies.isEmpty ? .status(500, "the script has no more replies") : state.replies.removeFirst()
        }
    }

    private func respond(_ reply: Reply, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        switch reply {
        case .completion(let text):
            let choice = OpenAICompletionResponse.Choice(text: text, finishReason: "stop", attribution: nil)
            let response = OpenAICompletionResponse(
                id: "cmpl-scripted", created: 0, model: "scripted", choices: [choice],
                usage: .init(promptTokens: 10, completionTokens: text.count / 4))
            try await write(.ok, "application/json", String(decoding: try JSONEncoder().encode(response), as: UTF8.self), to: outbound)
        case .status(let code, let body):
            try await write(HTTPResponseStatus(statusCode: code), "text/plain", body, to: outbound)
        case .raw(let body, let contentType):
            try await write(.ok, contentType, body, to: outbound)
        case .stall(let delay, let then):
            try await Task.sleep(for: delay)
            try await respond(then, to: outbound)
        case .events(let pieces):
            try await writeEvents(pieces, to: outbound)
        }
    }

    private func write(
        _ status: HTTPResponseStatus, _ contentType: String, _ body: String, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: "close")
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body))))
        try await outbound.write(.end(nil))
    }

    private func writeEvents(_ pieces: [(text: String, pause: Duration)], to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/event-stream")
        headers.add(name: "Connection", value: "close")
        var written = 0
        do {
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
            for piece in pieces {
                let chunk = OpenAICompletionChunk(
                    id: "cmpl-scripted", created: 0, model: "scripted",
                    choices: [.init(text: piece.text, finishReason: nil, attribution: nil)])
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: try chunk.serverSentEvent()))))
                written += 1
                try await Task.sleep(for: piece.pause)
            }
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: OpenAICompletionChunk.doneEvent))))
            try await outbound.write(.end(nil))
            state.withLock { $0.streams.append(.finished) }
        } catch {
            state.withLock { $0.streams.append(.abandoned(piecesWritten: written)) }
            throw error
        }
    }
}

/// Runs `body` with a scripted server and an `OpenAIBackend` for it, then shuts both down.
func withScriptedBackend<T>(
    _ replies: [ScriptedCompletionServer.Reply], timeout: Duration = .seconds(60), apiKey: String? = nil, baseSuffix: String = "",
    _ body: (ScriptedCompletionServer, OpenAIBackend) async throws -> T
) async throws -> T {
    let server = try await ScriptedCompletionServer.start(replies)
    let backend: OpenAIBackend
    do {
        backend = try OpenAIBackend(baseURL: server.baseURL + baseSuffix, model: "scripted-coder", apiKey: apiKey, timeout: timeout)
    } catch {
        await server.stop()
        throw error
    }
    do {
        let result = try await body(server, backend)
        try await backend.shutdown()
        await server.stop()
        return result
    } catch {
        try? await backend.shutdown()
        await server.stop()
        throw error
    }
}
