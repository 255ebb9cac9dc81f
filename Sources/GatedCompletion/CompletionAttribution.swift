import ProvenanceCore
import Reporting

/// What the gate found in a completion and what it did about it: the `attribution` of a choice.
///
/// `matches` are the copied spans of the generated text only (the prompt and suffix served as
/// context). Their `query` lines count within the generated text: line 1 is the line the
/// completion starts on, even when it starts in the middle of the prompt's last line. Their
/// `tokens` and `characters` count the generated part; `source` lines are the copied span's in
/// the corpus file (narrowed to the generated lines when the copy keeps the source's line layout).
/// For a blocked completion they are the matches of the last attempt, whose text is not returned.
///
/// Invariant: `verdict` is the strongest `action` among `matches` (`allow` when there are none);
/// `action` is `blocked` exactly when `verdict` is `block`.
public struct CompletionAttribution: Codable, Sendable, Equatable {
    /// What the gate did with the completion.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Returned as generated: nothing copied, or only code the policy allows.
        case allowed
        /// Returned with its attributions (and comments, when asked).
        case annotated
        /// Not returned: every attempt copied code the policy blocks (or the stream was cut).
        case blocked
    }

    /// The copied spans of the generated text, in text order.
    public var matches: [FileReport.Match]
    /// The strongest policy action among the matches.
    public var verdict: PolicyAction
    /// What the gate did: follows from `verdict`.
    public var action: Action
    /// Completions requested from the backend, the first included.
    public var attempts: Int
    /// Why the completion was blocked; nil otherwise.
    public var reason: String?

    /// An attribution from its parts (callers keep the invariant).
    public init(matches: [FileReport.Match], verdict: PolicyAction, action: Action, attempts: Int, reason: String? = nil) {
        self.matches = matches
        self.verdict = verdict
        self.action = action
        self.attempts = attempts
        self.reason = reason
    }

    /// The attribution of a completion that is returned: `allowed` or `annotated` by its matches.
    init(returning matches: [FileReport.Match], attempts: Int) {
        let verdict = matches.map(\.action).max() ?? .allow
        precondition(verdict < .block, "a blocked completion is never returned")
        self.init(matches: matches, verdict: verdict, action: verdict == .annotate ? .annotated : .allowed, attempts: attempts)
    }

    /// The attribution of a blocked completion, with a reason naming the first blocked span's source.
    init(blocking matches: [FileReport.Match], attempts: Int, cutStream: Bool = false) {
        let blocked = matches.first { $0.action == .block }
        precondition(blocked != nil, "a blocked attribution needs a blocked match")
        let source = blocked!.source
        let what = "\(blocked!.kind.rawValue) copy of \(source.repo) \(source.path) lines \(source.startLine)-\(source.endLine)"
            + " (license \(source.license))"
        let reason = cutStream
            ? "the stream was cut: the completion went on to copy code the policy blocks: \(what)"
            : attempts == 1
                ? "the completion copied code the policy blocks: \(what)"
                : "all \(attempts) attempts copied code the policy blocks; the last: \(what)"
        self.init(matches: matches, verdict: .block, action: .blocked, attempts: attempts, reason: reason)
    }
}
