import Matching
import Reporting

extension CompletionGate {
    /// A checked stream: chunks of text as soon as no copy still being written can reach them
    /// (`StreamHoldback`), re-checked as the model writes. When a span the policy blocks appears,
    /// the upstream stream is stopped and none of the blocked text is sent. If nothing at all
    /// has been sent yet, the backend is asked again like a whole completion (up to
    /// `maxRetries` times, each sampled differently); otherwise, or when every attempt is
    /// blocked, the last chunk has `finish_reason` `content_filter` and the attribution with
    /// action `blocked` and the reason. A stream that is not blocked ends with a chunk holding
    /// the rest of the text, `finish_reason` `stop` and the whole completion's attribution.
    ///
    /// `annotate_comments` cannot apply to text already sent, so a streamed request that asks
    /// for it is refused; the attribution on the last chunk names the spans.
    /// Throws `GatedCompletionError.invalidRequest` for bad values before anything is sent;
    /// backend and check errors end the stream. Ending the iteration stops the backend.
    public func stream(_ request: OpenAICompletionRequest) throws -> AsyncThrowingStream<OpenAICompletionChunk, any Error> {
        if request.annotateComments == true {
            throw GatedCompletionError.invalidRequest(
                "annotate_comments cannot be used with stream: comments cannot be added to text already sent; "
                    + "the last chunk's attribution names the copied spans")
        }
        let prepared = try prepare(request)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: OpenAICompletionChunk.self)
        let task = Task {
            do {
                try await relay(prepared, to: continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    var holdback: StreamHoldback {
        let minGenerated = options.minGeneratedTokens ?? matcher.options.minTokens
        return StreamHoldback(tokens: options.holdbackTokens ?? 2 * minGenerated, lines: options.holdbackLines ?? matcher.options.minLines)
    }

    /// Reads the backend's streams, checks, and yields what may be sent; returning drops the
    /// backend's stream, which stops it.
    private func relay(_ prepared: PreparedRequest, to continuation: AsyncThrowingStream<OpenAICompletionChunk, any Error>.Continuation) async throws {
        for attempt in 0...options.maxRetries {
            let request = options.retry.request(prepared.backendRequest, attempt: attempt)
            switch try await relayAttempt(request, prepared, to: continuation) {
            case .finished(let matches, let rest):
                continuation.yield(prepared.chunk(OpenAICompletionResponse.Choice(
                    text: rest, finishReason: "stop", attribution: CompletionAttribution(returning: matches, attempts: attempt + 1))))
                return
            case .blocked(let matches, let sentText) where sentText || attempt == options.maxRetries:
                continuation.yield(prepared.chunk(Self.cutChoice(matches, attempts: attempt + 1, cutStream: sentText)))
                return
            case .blocked:
                continue  // nothing sent yet: ask again
            }
        }
    }

    /// How one attempt's stream ended.
    private enum AttemptEnd {
        /// Not blocked: the completion's matches and the text the holdback still held.
        case finished([FileReport.Match], rest: String)
        /// Blocked; `sentText` says whether any of the attempt's text reached the client.
        case blocked([FileReport.Match], sentText: Bool)
    }

    /// One attempt: yields text as the holdback releases it, and says how the stream ended.
    private func relayAttempt(
        _ request: CompletionRequest, _ prepared: PreparedRequest,
        to continuation: AsyncThrowingStream<OpenAICompletionChunk, any Error>.Continuation
    ) async throws -> AttemptEnd {
        let checker = checker, holdback = holdback
        var generated: [UInt8] = []
        var sent = 0, checked = 0
        for try await piece in try await backend.stream(request) {
            generated += piece.utf8
            guard piece.contains(where: \.isNewline) || generated.count - checked >= options.recheckBytes else { continue }
            let check = try checker.check(generated, in: prepared.context)
            checked = generated.count
            if check.verdict == .block { return .blocked(check.matches, sentText: sent > 0) }
            let releasable = holdback.releasable(generated, generatedTokens: check.generatedTokens)
            if releasable > sent {
                let text = String(decoding: generated[sent..<releasable], as: UTF8.self)
                continuation.yield(prepared.chunk(OpenAICompletionResponse.Choice(text: text, finishReason: nil, attribution: nil)))
                sent = releasable
            }
        }
        let check = try checker.check(generated, in: prepared.context)
        guard check.verdict < .block else { return .blocked(check.matches, sentText: sent > 0) }
        return .finished(check.matches, rest: String(decoding: generated[sent...], as: UTF8.self))
    }

    private static func cutChoice(_ matches: [FileReport.Match], attempts: Int, cutStream: Bool) -> OpenAICompletionResponse.Choice {
        OpenAICompletionResponse.Choice(
            text: "", finishReason: "content_filter",
            attribution: CompletionAttribution(blocking: matches, attempts: attempts, cutStream: cutStream))
    }
}
