import Foundation

/// The answer to `POST /v1/completions` in OpenAI's wire format, each choice carrying its
/// `attribution` (Provenance's extension).
///
/// `finish_reason` is `stop` or `length` as the model ended, or `content_filter` when the
/// policy blocked the completion (its text is then empty and the attribution says why).
///
/// ```json
/// {"id": "cmpl-…", "object": "text_completion", "created": 1767225600, "model": "santacoder",
///  "choices": [{"text": "…", "index": 0, "finish_reason": "stop", "logprobs": null,
///               "attribution": {"matches": [], "verdict": "allow", "action": "allowed", "attempts": 1}}],
///  "usage": {"prompt_tokens": 12, "completion_tokens": 40, "total_tokens": 52}}
/// ```
public struct OpenAICompletionResponse: Codable, Sendable, Equatable {
    /// One completion. `logprobs` is always written as null (the gate does not return them).
    public struct Choice: Codable, Sendable, Equatable {
        /// The completion (or, in a stream, the next piece of it).
        public var text: String
        /// Always 0: one choice per request.
        public var index: Int
        /// `stop`, `length` or `content_filter`; null on a stream's chunks before the last.
        public var finishReason: String?
        /// Present on a full response and on a stream's last chunk.
        public var attribution: CompletionAttribution?

        enum CodingKeys: String, CodingKey {
            case text, index, logprobs, attribution
            case finishReason = "finish_reason"
        }

        /// A choice from its parts.
        public init(text: String, index: Int = 0, finishReason: String?, attribution: CompletionAttribution?) {
            self.text = text
            self.index = index
            self.finishReason = finishReason
            self.attribution = attribution
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text = try container.decode(String.self, forKey: .text)
            index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
            finishReason = try container.decodeIfPresent(String.self, forKey: .finishReason)
            attribution = try container.decodeIfPresent(CompletionAttribution.self, forKey: .attribution)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(index, forKey: .index)
            // OpenAI clients expect both keys, null included.
            try container.encode(finishReason, forKey: .finishReason)
            try container.encodeNil(forKey: .logprobs)
            try container.encodeIfPresent(attribution, forKey: .attribution)
        }
    }

    /// Tokens counted by the model's server, summed over every attempt (retries cost tokens too).
    public struct Usage: Codable, Sendable, Equatable {
        /// Tokens of the prompt, per attempt, added.
        public var promptTokens: Int
        /// Tokens generated, every attempt's.
        public var completionTokens: Int
        /// The two added.
        public var totalTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }

        /// Counts with their total.
        public init(promptTokens: Int, completionTokens: Int) {
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            totalTokens = promptTokens + completionTokens
        }

        /// Both counts added.
        public static func + (lhs: Usage, rhs: Usage) -> Usage {
            Usage(promptTokens: lhs.promptTokens + rhs.promptTokens, completionTokens: lhs.completionTokens + rhs.completionTokens)
        }
    }

    /// `cmpl-` and 32 hex digits; a stream's chunks share their completion's id.
    public var id: String
    /// Always `text_completion`.
    public var object: String
    /// Seconds since 1970.
    public var created: Int
    /// The model asked: the request's, else the backend's.
    public var model: String
    /// Exactly one.
    public var choices: [Choice]
    /// What the server counted, when it did.
    public var usage: Usage?

    /// A response; `object` is set to `text_completion`.
    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage? = nil) {
        self.id = id
        object = "text_completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }

    /// A fresh completion id in OpenAI's style.
    static func newID() -> String { "cmpl-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    /// Now, in seconds since 1970.
    static func now() -> Int { Int(Date().timeIntervalSince1970) }
}

/// One server-sent event of a streamed completion: the response's shape with one choice holding
/// the next piece of text.
///
/// A stream is `data: {chunk}\n\n` events, then `data: [DONE]\n\n`. Every chunk before the last
/// has `finish_reason` null and no attribution; the last chunk has the `finish_reason` (and
/// usually empty text) and the choice's `attribution`: the whole completion's matches, or, when
/// the stream was cut, the blocked match with action `blocked` and the reason.
public struct OpenAICompletionChunk: Codable, Sendable, Equatable {
    /// The same for every chunk of one completion.
    public var id: String
    /// Always `text_completion`, as OpenAI streams it.
    public var object: String
    /// Seconds since 1970, when the completion started.
    public var created: Int
    /// The model asked.
    public var model: String
    /// Exactly one.
    public var choices: [OpenAICompletionResponse.Choice]

    /// The event that ends a stream.
    public static let doneEvent = "data: [DONE]\n\n"

    /// A chunk; `object` is set to `text_completion`.
    public init(id: String, created: Int, model: String, choices: [OpenAICompletionResponse.Choice]) {
        self.id = id
        object = "text_completion"
        self.created = created
        self.model = model
        self.choices = choices
    }

    /// The chunk as one server-sent event: `data: {json}\n\n` (JSON never holds a raw newline).
    public func serverSentEvent() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return "data: " + String(decoding: try encoder.encode(self), as: UTF8.self) + "\n\n"
    }

    /// Whether this is a stream's last chunk.
    public var isFinal: Bool { choices.contains { $0.finishReason != nil } }
}
