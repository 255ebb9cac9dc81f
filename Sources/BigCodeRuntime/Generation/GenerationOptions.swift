/// How to pick and when to stop generating tokens.
///
/// Sampling follows transformers' order: temperature, then top-k, then top-p, then a draw
/// from a seeded generator, so a seed reproduces a completion exactly.
public struct GenerationOptions: Sendable, Equatable {
    /// New tokens at most.
    public var maxTokens: Int
    /// 0 is greedy (argmax); otherwise logits are divided by it before sampling.
    public var temperature: Float
    /// Keep only the `topK` most likely tokens; 0 keeps all.
    public var topK: Int
    /// Keep the smallest set of most likely tokens whose probability reaches `topP`; 1 keeps all.
    public var topP: Float
    /// Seeds the sampler's random generator.
    public var seed: UInt64
    /// Stop when the generated text contains one of these; the text ends before it.
    public var stopSequences: [String]
    /// Stop at the end-of-text token (it is not part of the text).
    public var stopAtEndOfText: Bool

    /// Greedy decoding of up to 64 tokens, stopping at end of text.
    public init(
        maxTokens: Int = 64, temperature: Float = 0, topK: Int = 0, topP: Float = 1, seed: UInt64 = 0,
        stopSequences: [String] = [], stopAtEndOfText: Bool = true
    ) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
        self.stopSequences = stopSequences
        self.stopAtEndOfText = stopAtEndOfText
    }

    /// Whether tokens are picked by argmax.
    public var isGreedy: Bool { temperature <= 0 }
}
