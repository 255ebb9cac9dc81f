import Foundation
import GatedCompletion
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// `POST /v1/completions`: an OpenAI-compatible completion, checked by the gate before
/// it is returned — allowed, annotated with its sources, or blocked (retried, then empty
/// with the reason); each choice carries an `attribution`. With `"stream": true` the
/// answer is server-sent events, cut before any blocked text.
struct CompletionsRoute: Sendable {
    let environment: ServerEnvironment
    let gate: CompletionGate

    func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await AttributionRoute.collectBody(request, limit: environment.limits.maxBodyBytes)
        let completion = try Self.decode(body)
        guard environment.limiter.tryAcquire() else {
            throw ServerError.overloaded(limit: environment.limiter.limit, retryAfter: environment.limits.retryAfterSeconds)
        }
        if completion.stream == true {
            return try stream(completion)
        }
        defer { environment.limiter.release() }
        let response: OpenAICompletionResponse
        do {
            response = try await gate.complete(completion)
        } catch let error as GatedCompletionError {
            throw Self.serverError(error)
        }
        Self.count(response.choices.compactMap(\.attribution), environment.metrics)
        return try JSONResponse.make(response)
    }

    /// Server-sent events, one per chunk, then `[DONE]`; a failure after the head is sent
    /// becomes a last event carrying the JSON error. The slot is held until the stream ends.
    private func stream(_ completion: OpenAICompletionRequest) throws -> Response {
        let chunks: AsyncThrowingStream<OpenAICompletionChunk, any Error>
        do {
            chunks = try gate.stream(completion)
        } catch let error as GatedCompletionError {
            environment.limiter.release()
            throw Self.serverError(error)
        }
        let environment = environment
        let body = ResponseBody { writer in
            defer { environment.limiter.release() }
            do {
                for try await chunk in chunks {
                    if let attribution = chunk.choices.first?.attribution { Self.count([attribution], environment.metrics) }
                    try await writer.write(ByteBuffer(string: try chunk.serverSentEvent()))
                }
            } catch {
                let failure = (error as? GatedCompletionError).map(Self.serverError) ?? ServerError(.internalServerError, .internalError, "\(error)")
                let payload = try JSONEncoder().encode(ServerError.Body(error: .init(message: failure.message, type: failure.kind.rawValue)))
                try await writer.write(ByteBuffer(string: "data: " + String(decoding: payload, as: UTF8.self) + "\n\n"))
            }
            try await writer.write(ByteBuffer(string: OpenAICompletionChunk.doneEvent))
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    private static func count(_ attributions: [CompletionAttribution], _ metrics: ServerMetrics) {
        for attribution in attributions where attribution.action == .blocked { metrics.completionsBlocked.increment() }
    }

    /// The body as a completion request, or a 400 naming the field or the value.
    static func decode(_ body: ByteBuffer) throws -> OpenAICompletionRequest {
        let request: OpenAICompletionRequest
        do {
            request = try JSONDecoder().decode(OpenAICompletionRequest.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServerError.invalidRequest(AttributionRequest.describe(error))
        }
        if let problem = request.validationProblem() { throw ServerError.invalidRequest(problem) }
        return request
    }

    /// The gate's failures as HTTP: the caller's fault 400, the upstream's 502 (504 on a
    /// timeout), ours 500.
    static func serverError(_ error: GatedCompletionError) -> ServerError {
        switch error {
        case .invalidRequest(let problem): ServerError.invalidRequest(problem)
        case .upstreamTimeout: ServerError(.gatewayTimeout, .upstream, error.description)
        case .upstreamStatus, .upstreamUnreachable, .upstreamMalformed: ServerError(.badGateway, .upstream, error.description)
        case .checkFailed, .modelFailed: ServerError(.internalServerError, .internalError, error.description)
        }
    }
}
