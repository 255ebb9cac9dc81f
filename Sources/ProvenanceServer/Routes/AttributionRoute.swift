import CodeLexing
import HTTPTypes
import Hummingbird
import Matching
import NIOCore
import NIOPosix
import Prometheus
import Reporting

/// `POST /v1/attributions`: which spans of the posted code were copied, from where, under
/// which license, and what the policy says — the per-file JSON of `check` (`FileReport`).
struct AttributionRoute: Sendable {
    let environment: ServerEnvironment

    func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        let limits = environment.limits
        let body = try await Self.collectBody(request, limit: limits.maxBodyBytes)
        let attribution = try AttributionRequest.decode(body)
        guard environment.limiter.tryAcquire() else {
            throw ServerError.overloaded(limit: environment.limiter.limit, retryAfter: limits.retryAfterSeconds)
        }
        environment.metrics.attributionsInFlight.increment()
        defer {
            environment.limiter.release()
            environment.metrics.attributionsInFlight.decrement()
        }
        var matcher = environment.matcher
        if let minTokens = attribution.minTokens {
            var options = matcher.options
            options.minTokens = minTokens
            matcher = Matcher(index: matcher.index, options: options)
        }
        let policy = environment.policy
        // Matching reads SQLite and computes for milliseconds: keep it off the event loops
        // and the cooperative pool, on NIO's blocking-work threads (one per core).
        let report = try await NIOThreadPool.singleton.runIfActive { [matcher] in
            try Self.attribute(attribution, matcher: matcher, policy: policy, maxTokens: limits.maxTokens)
        }
        environment.metrics.recordMatches(report)
        return try JSONResponse.make(report)
    }

    /// The body, refused with 413 when `Content-Length` or the bytes read pass `limit`.
    static func collectBody(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ServerError.bodyTooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ServerError.bodyTooLarge(limit: limit)
        }
    }

    /// Enforces the token limit, then matches and applies the policy.
    ///
    /// A token takes at least one byte, so code of at most `maxTokens` bytes (every usual
    /// request) is within the limit without being lexed twice.
    static func attribute(_ request: AttributionRequest, matcher: Matcher, policy: Policy, maxTokens: Int) throws -> FileReport {
        let bytes = Array(request.code.utf8)
        let language = request.resolvedLanguage
        if bytes.count > maxTokens {
            let tokens = language.lexer.tokens(in: bytes).count
            guard tokens <= maxTokens else {
                throw ServerError(
                    .contentTooLarge, .tooManyTokens, "the code has \(tokens) tokens, over the limit of \(maxTokens) per request")
            }
        }
        let report = try matcher.match(bytes, language: language)
        return FileReport(path: request.filename ?? "<request>", report: report, policy: policy, explain: false)
    }
}
