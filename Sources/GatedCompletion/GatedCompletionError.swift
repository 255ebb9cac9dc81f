import Foundation

/// Errors of the GatedCompletion target: one line each, naming what failed.
///
/// The server maps `invalidRequest` to 400, the `upstream…` cases to 502 (504 for
/// `upstreamTimeout`) and `checkFailed` and `modelFailed` to 500.
public enum GatedCompletionError: Error, CustomStringConvertible, Equatable {
    /// A request field with a value the gate refuses.
    case invalidRequest(String)
    /// The completion server answered with an error status; `body` is the first line of its body.
    case upstreamStatus(url: String, status: Int, body: String)
    /// The completion server did not answer (or stopped sending) within the timeout.
    case upstreamTimeout(url: String, seconds: Double)
    /// The completion server could not be reached, or dropped the connection.
    case upstreamUnreachable(url: String, problem: String)
    /// The completion server answered 200 with something that is not an OpenAI completion.
    case upstreamMalformed(url: String, problem: String)
    /// Matching the completion against the index failed.
    case checkFailed(String)
    /// The in-process model failed (a prompt longer than its context, a broken checkpoint).
    case modelFailed(String)

    public var description: String {
        switch self {
        case .invalidRequest(let problem):
            "invalid completion request: \(problem)"
        case .upstreamStatus(let url, let status, let body):
            "completion server \(url) answered \(status)" + (body.isEmpty ? "" : ": \(body)")
        case .upstreamTimeout(let url, let seconds):
            "completion server \(url) did not answer within \(Self.format(seconds)) s"
        case .upstreamUnreachable(let url, let problem):
            "cannot reach completion server \(url): \(problem)"
        case .upstreamMalformed(let url, let problem):
            "completion server \(url) sent a response that is not an OpenAI completion: \(problem)"
        case .checkFailed(let problem):
            "checking the completion against the index failed: \(problem)"
        case .modelFailed(let problem):
            "the model failed: \(problem)"
        }
    }

    /// The first line of `text`, at most `limit` characters: error bodies can be whole HTML pages.
    static func firstLine(of text: String, limit: Int = 200) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > limit ? String(trimmed.prefix(limit)) + "…" : trimmed
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
