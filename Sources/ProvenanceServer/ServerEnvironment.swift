import Foundation
import GatedCompletion
import HTTPTypes
import IndexStore
import Matching
import Reporting

/// Everything the routes share: the read-only index and its matcher, the policy, the
/// limits, the API key and the metrics.
///
/// Built from `ServerArguments` by `provenance serve`; tests build one over a test index
/// and swap parts (a full `limiter`, a key) before `buildApplication(_:)`.
public struct ServerEnvironment: Sendable {
    /// The matcher over the index, with the server's default threshold.
    public var matcher: Matcher
    public var policy: Policy
    public var limits: ServerLimits
    /// The bearer token `/v1` routes require; `nil`: none.
    public var apiKey: String?
    /// Slots for attribution requests in flight (`limits.maxConcurrentAttributions` by default).
    public var limiter: ConcurrencyLimiter
    public var metrics: ServerMetrics
    /// The completion gate `POST /v1/completions` uses; `nil`: the route answers 501.
    public var gate: CompletionGate?
    let statistics: StatisticsCache

    public init(matcher: Matcher, policy: Policy = .default, limits: ServerLimits = .default, apiKey: String? = nil) {
        self.matcher = matcher
        self.policy = policy
        self.limits = limits
        self.apiKey = apiKey
        limiter = ConcurrencyLimiter(limit: limits.maxConcurrentAttributions)
        metrics = ServerMetrics()
        statistics = StatisticsCache(index: matcher.index)
    }

    /// Opens the index read-only (`IndexReader` never writes) and loads the policy and the key;
    /// fails with the index's, the policy's or the key file's own message.
    public init(_ arguments: some ServerArguments) throws {
        var options = MatchOptions.default
        if let minTokens = arguments.minTokens { options.minTokens = minTokens }
        let matcher = Matcher(index: try IndexReader(path: arguments.databasePath, resident: arguments.residentTables), options: options)
        let policy = try arguments.policyPath.map { try Policy.load(path: $0) } ?? .default
        self.init(
            matcher: matcher, policy: policy, limits: arguments.limits,
            apiKey: try arguments.apiKeyFile.map(Self.readAPIKey))
        if let backend = try arguments.completionBackend() {
            gate = CompletionGate(backend: backend.backend, matcher: matcher, policy: policy, format: backend.format)
        }
    }

    /// The key file's first line, trimmed; an empty file is refused, so auth is never on with no key.
    static func readAPIKey(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerError(.internalServerError, .internalError, "cannot read the API key file \(path)")
        }
        let key = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !key.isEmpty else {
            throw ServerError(.internalServerError, .internalError, "the API key file \(path) is empty")
        }
        return key
    }
}
