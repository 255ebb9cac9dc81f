import BigCodeRuntime

/// A `CompletionBackend` that runs a GPT-BigCode checkpoint in process (BigCodeRuntime):
/// no server, no Python.
///
/// Use it with `FIMFormat.none`: the gate then passes the suffix through, and the
/// backend builds the fill-in-the-middle prompt from the checkpoint's own special
/// tokens (SantaCoder or StarCoder form, whichever its tokenizer has).
///
/// ```swift
/// let backend = NativeBackend(generator: try TextGenerator(folder: checkpoint))
/// let gate = CompletionGate(backend: backend, index: index, policy: .default, format: .none)
/// ```
public struct NativeBackend: CompletionBackend {
    public let generator: TextGenerator
    public let modelName: String?

    public init(generator: TextGenerator, modelName: String? = nil) {
        self.generator = generator
        self.modelName = modelName
    }

    public func complete(_ request: CompletionRequest) async throws -> BackendCompletion {
        let prompt = try promptIDs(request)
        do {
            let completion = try generator.generate(promptIDs: prompt, options: options(request))
            return BackendCompletion(
                text: completion.text, finishReason: Self.finishReason(completion.finishReason),
                usage: OpenAICompletionResponse.Usage(promptTokens: prompt.count, completionTokens: completion.tokenIDs.count))
        } catch let error as BigCodeError {
            throw GatedCompletionError.modelFailed(error.summary)
        }
    }

    public func stream(_ request: CompletionRequest) async throws -> AsyncThrowingStream<String, any Error> {
        let tokens = generator.stream(promptIDs: try promptIDs(request), options: options(request))
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await token in tokens where !token.text.isEmpty { continuation.yield(token.text) }
                    continuation.finish()
                } catch let error as BigCodeError {
                    continuation.finish(throwing: GatedCompletionError.modelFailed(error.summary))
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func promptIDs(_ request: CompletionRequest) throws -> [Int] {
        do {
            return try generator.promptIDs(prefix: request.prompt, suffix: request.suffix)
        } catch {
            throw GatedCompletionError.modelFailed(error.summary)
        }
    }

    private func options(_ request: CompletionRequest) -> GenerationOptions {
        GenerationOptions(
            maxTokens: request.maxTokens ?? 16, temperature: Float(request.temperature ?? 0), topP: Float(request.topP ?? 1),
            seed: UInt64(truncatingIfNeeded: request.seed ?? 0), stopSequences: request.stop)
    }

    /// OpenAI's names: `stop` for a natural end or a stop sequence, `length` for a token limit.
    static func finishReason(_ reason: FinishReason) -> String {
        switch reason {
        case .endOfText, .stopSequence, .cancelled: "stop"
        case .maxTokens, .contextFull: "length"
        }
    }
}
