import ProvenanceCore

/// The body of `POST /v1/completions` in OpenAI's wire format, plus Provenance's extensions
/// (`language`, `filename`, `annotate_comments`).
///
/// Decoding checks types only; `validationProblem(maxTokensLimit:)` checks values. `prompt` is
/// the code before the cursor and `suffix` the code after it (fill-in-the-middle).
///
/// ```json
/// {"model": "santacoder", "prompt": "def fib(n):\n", "suffix": "\nprint(fib(10))\n",
///  "max_tokens": 64, "temperature": 0.2, "stop": ["\ndef "], "language": "python",
///  "annotate_comments": true}
/// ```
public struct OpenAICompletionRequest: Codable, Sendable, Equatable {
    /// The model to ask; nil: the backend's.
    public var model: String?
    /// The code before the insertion point.
    public var prompt: String
    /// The code after the insertion point: present, it makes the request fill-in-the-middle.
    public var suffix: String?
    /// The most tokens to generate (`max_tokens`).
    public var maxTokens: Int?
    /// Sampling temperature, 0 (greedy) to 2.
    public var temperature: Double?
    /// Nucleus sampling mass (`top_p`), in (0, 1].
    public var topP: Double?
    /// Completions per prompt: only 1 is supported (each is checked and retried on its own).
    public var n: Int?
    /// Where generation stops, not included in the text.
    public var stop: StopSequences?
    /// Whether the answer is a stream of server-sent events.
    public var stream: Bool?
    /// Seed for sampling, for servers that honour it.
    public var seed: Int?
    /// The language to read the code as, by name or alias (`python`, `js`, `c++`).
    public var language: String?
    /// The file the code belongs to: its extension gives the language when `language` is absent.
    public var filename: String?
    /// Whether an annotated completion gets `provenance:` comments above its copied spans.
    public var annotateComments: Bool?

    /// The largest `max_tokens` accepted unless the caller names another limit.
    public static let defaultMaxTokensLimit = 4096
    /// The most stop sequences accepted (OpenAI's limit).
    public static let maxStopSequences = 4

    enum CodingKeys: String, CodingKey {
        case model, prompt, suffix, n, stop, stream, seed, language, filename, temperature
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case annotateComments = "annotate_comments"
    }

    /// A request; every field but the prompt is optional, as on the wire.
    public init(
        model: String? = nil, prompt: String, suffix: String? = nil, maxTokens: Int? = nil, temperature: Double? = nil,
        topP: Double? = nil, n: Int? = nil, stop: StopSequences? = nil, stream: Bool? = nil, seed: Int? = nil,
        language: String? = nil, filename: String? = nil, annotateComments: Bool? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.suffix = suffix
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.n = n
        self.stop = stop
        self.stream = stream
        self.seed = seed
        self.language = language
        self.filename = filename
        self.annotateComments = annotateComments
    }

    /// The first bad value, as one line naming the field, or nil when the request can be served.
    public func validationProblem(maxTokensLimit: Int = defaultMaxTokensLimit) -> String? {
        if let maxTokens, maxTokens <= 0 || maxTokens > maxTokensLimit {
            return "max_tokens must be between 1 and \(maxTokensLimit), got \(maxTokens)"
        }
        if let temperature, !(temperature >= 0 && temperature <= 2) {
            return "temperature must be between 0 and 2, got \(temperature)"
        }
        if let topP, !(topP > 0 && topP <= 1) {
            return "top_p must be in (0, 1], got \(topP)"
        }
        if let n, n != 1 {
            return "n must be 1, got \(n): the gate checks and retries one completion at a time"
        }
        if let stop {
            if stop.values.count > Self.maxStopSequences {
                return "stop takes at most \(Self.maxStopSequences) sequences, got \(stop.values.count)"
            }
            if stop.values.contains("") { return "stop sequences must not be empty" }
        }
        if let language, Language(name: language) == nil {
            return "unknown language '\(language)'; use a name such as python, java, javascript or c"
        }
        return nil
    }

    /// The language the code is read as: `language`, else `filename`'s extension, else `fallback`.
    public func resolvedLanguage(fallback: Language) -> Language {
        if let language, let named = Language(name: language) { return named }
        if let filename {
            let byPath = Language(path: filename)
            if byPath != .other { return byPath }
        }
        return fallback
    }
}

/// OpenAI's `stop`: one string or an array of strings. Encodes as an array.
public struct StopSequences: Codable, Sendable, Equatable, ExpressibleByArrayLiteral, ExpressibleByStringLiteral {
    /// The sequences, in the order given.
    public var values: [String]

    /// The sequences `values`.
    public init(_ values: [String]) {
        self.values = values
    }

    public init(arrayLiteral elements: String...) {
        values = elements
    }

    public init(stringLiteral value: String) {
        values = [value]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(String.self) {
            values = [single]
        } else {
            values = try container.decode([String].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
