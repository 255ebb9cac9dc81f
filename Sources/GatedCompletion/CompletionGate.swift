import IndexStore
import Matching
import ProvenanceCore
import Reporting

/// Completions that are checked before they are returned: the model's text is matched against
/// the index in its context, and the policy decides.
///
/// - allow: the completion is returned as written.
/// - annotate: it is returned with its attributions (and, with `annotate_comments`, a
///   `provenance:` comment above each copied span).
/// - block: the backend is asked again, up to `maxRetries` times, each retry sampled differently
///   (`RetrySampling`); when every attempt is blocked, the text is empty, `finish_reason` is
///   `content_filter` and the attribution says why.
///
/// Streams are checked as they arrive and cut before blocked text is sent (`stream(_:)`).
///
/// ```swift
/// let gate = CompletionGate(
///     backend: try OpenAIBackend(baseURL: "http://127.0.0.1:8000", model: "bigcode/santacoder"),
///     matcher: Matcher(index: try IndexReader(path: "Index/default.sqlite")),
///     policy: .default, format: .santaCoder)
/// let response = try await gate.complete(OpenAICompletionRequest(prompt: "def fib(n):\n", maxTokens: 64, language: "python"))
/// print(response.choices[0].text, response.choices[0].attribution!.action)
/// ```
public struct CompletionGate: Sendable {
    /// How hard the gate tries and how much it looks at.
    public struct Options: Sendable, Equatable {
        /// Retries after a blocked completion (so at most `maxRetries + 1` attempts).
        public var maxRetries = 2
        /// How each retry samples differently.
        public var retry = RetrySampling.default
        /// The language for a request that names neither `language` nor a known `filename`.
        public var defaultLanguage = Language.other
        /// The largest `max_tokens` a request may ask for.
        public var maxTokensLimit = OpenAICompletionRequest.defaultMaxTokensLimit
        /// Generated tokens a match needs to count; nil: the matcher's `minTokens`.
        public var minGeneratedTokens: Int?
        /// Bytes of prompt (and of suffix) matched with the completion as its context.
        public var contextBytes = 16 << 10
        /// Streams: the newest generated tokens held back until more text shows they start
        /// no copy (`StreamHoldback`); nil: twice the generated tokens a match needs.
        public var holdbackTokens: Int?
        /// Streams: the newest lines held back likewise; nil: the matcher's `minLines`.
        public var holdbackLines: Int?
        /// Streams: re-check after this many new bytes even without a new line.
        public var recheckBytes = 256

        /// Two retries, the matcher's thresholds, 16 KiB of context each side.
        public static let `default` = Options()

        /// The defaults; set fields after.
        public init() {}
    }

    /// Writes the completions.
    public let backend: any CompletionBackend
    /// Finds the copies; its `MatchOptions` set what a reportable copy is.
    public let matcher: Matcher
    /// Decides, per match, allow, annotate or block.
    public let policy: Policy
    /// How a request with a suffix is turned into one prompt.
    public let format: FIMFormat
    /// Retries, limits and stream holdback.
    public let options: Options

    /// A gate that checks `backend`'s completions with `matcher` under `policy`.
    public init(backend: any CompletionBackend, matcher: Matcher, policy: Policy, format: FIMFormat, options: Options = .default) {
        precondition(options.maxRetries >= 0, "maxRetries must not be negative")
        self.backend = backend
        self.matcher = matcher
        self.policy = policy
        self.format = format
        self.options = options
    }

    /// A gate that matches against `index` with `matchOptions`.
    public init(
        backend: any CompletionBackend, index: IndexReader, matchOptions: MatchOptions = .default, policy: Policy,
        format: FIMFormat, options: Options = .default
    ) {
        self.init(backend: backend, matcher: Matcher(index: index, options: matchOptions), policy: policy, format: format, options: options)
    }

    var checker: GeneratedTextChecker {
        GeneratedTextChecker(
            matcher: matcher, policy: policy, minGeneratedTokens: options.minGeneratedTokens ?? matcher.options.minTokens,
            contextBytes: options.contextBytes)
    }

    // MARK: - Whole completions

    /// One checked completion: allowed, annotated, or — when every attempt is blocked — empty with the reason.
    /// Throws `GatedCompletionError.invalidRequest` for bad values and the backend's errors.
    public func complete(_ request: OpenAICompletionRequest) async throws -> OpenAICompletionResponse {
        let prepared = try prepare(request)
        let checker = checker
        var usage: OpenAICompletionResponse.Usage?
        var blocked: [FileReport.Match] = []
        for attempt in 0...options.maxRetries {
            let completion = try await backend.complete(options.retry.request(prepared.backendRequest, attempt: attempt))
            if let used = completion.usage { usage = usage.map { $0 + used } ?? used }
            let text = Array(completion.text.utf8)
            let check = try checker.check(text, in: prepared.context)
            guard check.verdict == .block else {
                let returned = check.verdict == .annotate && prepared.annotateComments
                    ? annotated(text, matches: check.matches, context: prepared.context) : completion.text
                let choice = OpenAICompletionResponse.Choice(
                    text: returned, finishReason: completion.finishReason ?? "stop",
                    attribution: CompletionAttribution(returning: check.matches, attempts: attempt + 1))
                return prepared.response(choice, usage: usage)
            }
            blocked = check.matches
        }
        let choice = OpenAICompletionResponse.Choice(
            text: "", finishReason: "content_filter",
            attribution: CompletionAttribution(blocking: blocked, attempts: options.maxRetries + 1))
        return prepared.response(choice, usage: usage)
    }

    /// `text` with a `provenance:` comment above each copied span. A span that starts on a line
    /// the prompt began is annotated from its next line, so no comment lands inside a line.
    func annotated(_ text: [UInt8], matches: [FileReport.Match], context: GeneratedTextChecker.Context) -> String {
        let placed = matches.compactMap { match -> FileReport.Match? in
            guard context.startsMidLine, match.query.startLine == 1 else { return match }
            guard match.query.endLine > 1 else { return nil }
            var moved = match
            moved.query.startLine = 2
            return moved
        }
        let annotator = Annotator(style: .comment, syntax: context.language.commentSyntax)
        return String(decoding: annotator.annotate(text, matches: placed).bytes, as: UTF8.self)
    }

    // MARK: - Requests

    /// A validated request, ready for the backend and the checker.
    struct PreparedRequest: Sendable {
        var backendRequest: CompletionRequest
        var context: GeneratedTextChecker.Context
        var annotateComments: Bool
        var id: String
        var created: Int
        var model: String

        func response(_ choice: OpenAICompletionResponse.Choice, usage: OpenAICompletionResponse.Usage?) -> OpenAICompletionResponse {
            OpenAICompletionResponse(id: id, created: created, model: model, choices: [choice], usage: usage)
        }

        func chunk(_ choice: OpenAICompletionResponse.Choice) -> OpenAICompletionChunk {
            OpenAICompletionChunk(id: id, created: created, model: model, choices: [choice])
        }
    }

    func prepare(_ request: OpenAICompletionRequest) throws -> PreparedRequest {
        if let problem = request.validationProblem(maxTokensLimit: options.maxTokensLimit) {
            throw GatedCompletionError.invalidRequest(problem)
        }
        let language = request.resolvedLanguage(fallback: options.defaultLanguage)
        let infills = format != .none && request.suffix != nil
        let backendRequest = CompletionRequest(
            prompt: format.format(prefix: request.prompt, suffix: request.suffix), suffix: infills ? nil : request.suffix,
            maxTokens: request.maxTokens, temperature: request.temperature, topP: request.topP,
            stop: request.stop?.values ?? [], seed: request.seed)
        return PreparedRequest(
            backendRequest: backendRequest,
            context: checker.context(prompt: request.prompt, suffix: request.suffix, language: language, path: request.filename ?? "completion"),
            annotateComments: request.annotateComments ?? false, id: OpenAICompletionResponse.newID(),
            created: OpenAICompletionResponse.now(), model: request.model ?? backend.modelName ?? "unknown")
    }
}
