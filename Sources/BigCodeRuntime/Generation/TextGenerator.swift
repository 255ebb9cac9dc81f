import Foundation

/// Why generation stopped.
public enum FinishReason: String, Sendable, Equatable {
    /// The model produced its end-of-text token.
    case endOfText
    /// The text reached one of the stop sequences.
    case stopSequence
    /// `maxTokens` tokens were generated.
    case maxTokens
    /// The context window is full.
    case contextFull
    /// The consumer of the stream went away.
    case cancelled
}

/// One step of generation, as streamed.
public struct GeneratedToken: Sendable, Equatable {
    /// The token, or `nil` for the closing event that flushes held-back text.
    public var id: Int?
    /// Text that became final at this step; empty while a character or a possible stop sequence is incomplete.
    public var text: String
    /// Set on the closing event only.
    public var finishReason: FinishReason?
}

/// A finished completion.
public struct Completion: Sendable, Equatable {
    /// The generated text only, without the prompt, the end-of-text token or the stop sequence.
    public var text: String
    /// The generated token ids (a stop sequence's tokens included, end-of-text excluded).
    public var tokenIDs: [Int]
    /// Why it stopped.
    public var finishReason: FinishReason
}

/// Completes code with a GPT-BigCode model and its tokenizer, plain or fill-in-the-middle.
///
/// ```swift
/// let generator = try TextGenerator(folder: checkpoint)
/// let prompt = try generator.promptIDs(prefix: "def fib(n):\n", suffix: nil)
/// for try await token in generator.stream(promptIDs: prompt, options: GenerationOptions(maxTokens: 32)) {
///     print(token.text, terminator: "")
/// }
/// ```
public struct TextGenerator: Sendable {
    /// The network that scores the next token.
    public let model: BigCodeModel
    /// Turns text into prompt ids and generated ids back into text.
    public let tokenizer: BPETokenizer
    /// Ids that end generation: the tokenizer's `<|endoftext|>`, else the config's `eos_token_id`.
    public var endOfTextIDs: Set<Int>

    /// A generator from a loaded model and tokenizer.
    public init(model: BigCodeModel, tokenizer: BPETokenizer) {
        self.model = model
        self.tokenizer = tokenizer
        if let id = tokenizer.addedTokens["<|endoftext|>"] {
            endOfTextIDs = [id]
        } else {
            endOfTextIDs = model.config.eosTokenID.map { [$0] } ?? []
        }
    }

    /// Loads the model and `tokenizer.json` of a checkpoint folder, the model's matrices kept in `precision`.
    public init(folder: URL, precision: WeightPrecision = .float32) throws(BigCodeError) {
        let model = try BigCodeModel(folder: folder, precision: precision)
        let tokenizer = try BPETokenizer(contentsOf: folder.appendingPathComponent("tokenizer.json"))
        guard tokenizer.count <= model.config.vocabularySize else {
            throw .unsupportedConfig(key: "vocab_size", reason: "\(model.config.vocabularySize) is smaller than the tokenizer's \(tokenizer.count) tokens")
        }
        self.init(model: model, tokenizer: tokenizer)
    }

    /// The fill-in-the-middle format of this tokenizer, if it has one.
    public var infillFormat: InfillFormat? { InfillFormat.detect(in: tokenizer) }

    /// The prompt ids: plain `prefix`, or a fill-in-the-middle prompt when `suffix` is given.
    public func promptIDs(prefix: String, suffix: String?) throws(BigCodeError) -> [Int] {
        guard let suffix else { return tokenizer.encode(prefix) }
        guard let format = infillFormat else { throw .noInfillTokens }
        return format.promptIDs(prefix: prefix, suffix: suffix, tokenizer: tokenizer)
    }

    /// Generates a completion of `promptIDs`, calling `onToken` at each step as text becomes final.
    public func generate(
        promptIDs: [Int], options: GenerationOptions, onToken: (GeneratedToken) throws -> Void = { _ in }
    ) throws -> Completion {
        var cache = model.makeCache()
        guard !promptIDs.isEmpty else { throw BigCodeError.contextOverflow(tokens: 0, contextLength: cache.capacity) }
        var logits = try model.forward(promptIDs, cache: &cache)
        var sampler = TokenSampler(options: options, sampledTokenLimit: tokenizer.count)
        var decoder = StreamingTextDecoder()
        var stops = StopSequenceMatcher(options.stopSequences)
        var completion = Completion(text: "", tokenIDs: [], finishReason: .maxTokens)
        while completion.tokenIDs.count < options.maxTokens {
            if Task.isCancelled {
                completion.finishReason = .cancelled
                break
            }
            let id = sampler.next(logits)
            if options.stopAtEndOfText && endOfTextIDs.contains(id) {
                completion.finishReason = .endOfText
                break
            }
            completion.tokenIDs.append(id)
            let (text, stopped) = stops.feed(decoder.append(tokenizer.bytes(of: id)))
            completion.text += text
            try onToken(GeneratedToken(id: id, text: text))
            if stopped {
                completion.finishReason = .stopSequence
                break
            }
            if completion.tokenIDs.count == options.maxTokens { break }
            if cache.count == cache.capacity {
                completion.finishReason = .contextFull
                break
            }
            logits = try model.forward([id], cache: &cache)
        }
        var tail = ""
        if completion.finishReason != .stopSequence {
            let (text, stopped) = stops.feed(decoder.finish())
            tail = stopped ? text : text + stops.flush()
            if stopped { completion.finishReason = .stopSequence }
        }
        completion.text += tail
        try onToken(GeneratedToken(id: nil, text: tail, finishReason: completion.finishReason))
        return completion
    }

    /// Generates on a background task and streams each step; cancelling the consumer stops generation.
    public func stream(promptIDs: [Int], options: GenerationOptions) -> AsyncThrowingStream<GeneratedToken, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task.detached {
                do {
                    _ = try self.generate(promptIDs: promptIDs, options: options) { token in
                        continuation.yield(token)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
