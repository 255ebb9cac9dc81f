import Matching
import Reporting

extension CompletionGate {
    /// A checked stream: chunks of text as soon as no copy still being written can reach them
    /// (`StreamHoldback`), re-checked as the model writes. When a span the policy blocks appears,
    /// the upstream stream is stopped, none of the blocked text is sent, and the last chunk has
    /// `finish_reason` `content_filter` and the attribution with action `blocked` and the reason.
    /// Otherwise the last chunk has the rest of the text, `finish_reason` `stop` and the whole
    /// completion's attribution.
    ///
    /// Streams are not retried (the client already has the text sent before a block), and
    /// `annotate_comments` does not apply: the attribution on the last chunk names the spans.
    /// Throws `GatedCompletionError.invalidRequest` for bad values before anything is sent;
    /// backend and check errors end the stream. Ending the iteration stops the backend.
    public func stream(_ request: OpenAICompletionRequest) throws -> AsyncThrowingStream<OpenAICompletionChunk, any Error> {
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

    /// Reads the backend's stream, checks, and yields what may be sent; returning drops the
    /// backend's stream, which stops it.
    private func relay(_ prepared: PreparedRequest, to continuation: AsyncThrowingStream<OpenAICompletionChunk, any Error>.Continuation) async throws {
        let checker = checker, holdback = holdback
        var generated: [UInt8] = []
        var sent = 0, checked = 0
        for try await piece in try await backend.stream(prepared.backendRequest) {
            generated += piece.utf8
            guard piece.contains(where: \.isNewline) || generated.count - checked >= options.recheckBytes else { continue }
            let check = try checker.check(generated, in: prepared.context)
            checked = generated.count
            if check.verdict == .block {
                continuation.yield(prepared.chunk(Self.cutChoice(check.matches)))
                return
            }
            let releasable = holdback.releasable(generated, generatedTokens: check.generatedTokens)
            if releasable > sent {
                let text = String(decoding: generated[sent..<releasable], as: UTF8.self)
                continuation.yield(prepared.chunk(OpenAICompletionResponse.Choice(text: text, finishReason: nil, attribution: nil)))
                sent = releasable
            }
        }
        let check = try checker.check(generated, in: prepared.context)
        guard check.verdict < .block else {
            continuation.yield(prepared.chunk(Self.cutChoice(check.matches)))
            return
        }
        let rest = String(decoding: generated[sent...], as: UTF8.self)
        continuation.yield(prepared.chunk(OpenAICompletionResponse.Choice(
            text: rest, finishReason: "stop", attribution: CompletionAttribution(returning: check.matches, attempts: 1))))
    }

    private static func cutChoice(_ matches: [FileReport.Match]) -> OpenAICompletionResponse.Choice {
        OpenAICompletionResponse.Choice(
            text: "", finishReason: "content_filter",
            attribution: CompletionAttribution(blocking: matches, attempts: 1, cutStream: true))
    }
}
