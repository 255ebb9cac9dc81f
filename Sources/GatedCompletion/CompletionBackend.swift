/// Something that writes completions: an OpenAI-compatible server (`OpenAIBackend`), a native
/// runtime, or a scripted stand-in in tests.
///
/// A backend sees the prompt exactly as the model should: the gate has already formatted it for
/// fill-in-the-middle. It does no checking of its own.
public protocol CompletionBackend: Sendable {
    /// The model's name as the backend reports it in responses, when it knows one.
    var modelName: String? { get }

    /// One whole completion.
    func complete(_ request: CompletionRequest) async throws -> BackendCompletion

    /// The completion's text in pieces as the model writes them. Ending the iteration early
    /// (or cancelling its task) stops the generation upstream.
    func stream(_ request: CompletionRequest) async throws -> AsyncThrowingStream<String, any Error>
}

extension CompletionBackend {
    /// No name by default.
    public var modelName: String? { nil }
}

/// What a backend is asked for: the prompt, already formatted, and the sampling parameters
/// (nil: the backend's default).
public struct CompletionRequest: Sendable, Equatable {
    /// The prompt as the model reads it (fill-in-the-middle tokens included).
    public var prompt: String
    /// Text after the insertion point, for servers that infill themselves (`FIMFormat.none`).
    public var suffix: String?
    /// The most tokens to generate.
    public var maxTokens: Int?
    /// Sampling temperature (0: greedy).
    public var temperature: Double?
    /// Nucleus sampling mass.
    public var topP: Double?
    /// Stop sequences; empty: none.
    public var stop: [String]
    /// Sampling seed, for servers that honour it.
    public var seed: Int?

    /// A request; unset sampling fields take the backend's defaults.
    public init(
        prompt: String, suffix: String? = nil, maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil,
        stop: [String] = [], seed: Int? = nil
    ) {
        self.prompt = prompt
        self.suffix = suffix
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.stop = stop
        self.seed = seed
    }
}

/// A backend's whole completion.
public struct BackendCompletion: Sendable, Equatable {
    /// The generated text, without the prompt.
    public var text: String
    /// `stop` or `length` (or whatever the server said), nil when unknown.
    public var finishReason: String?
    /// The server's token counts, when it sent them.
    public var usage: OpenAICompletionResponse.Usage?

    /// A completion from its parts.
    public init(text: String, finishReason: String?, usage: OpenAICompletionResponse.Usage? = nil) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
    }
}
