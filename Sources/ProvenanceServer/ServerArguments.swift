import GatedCompletion
/// What `provenance serve` was asked for: the server is built from these, so tests build it
/// without the CLI.
///
/// ```swift
/// let app = try await buildApplication(arguments)   // arguments: some ServerArguments
/// try await app.runService()                       // until SIGINT or SIGTERM
/// ```
public protocol ServerArguments: Sendable {
    /// The address to bind; `127.0.0.1` keeps the server off the network.
    var host: String { get }
    /// The port to bind; 0 picks a free one.
    var port: Int { get }
    /// The index file, opened read-only.
    var databasePath: String { get }
    /// A policy file; `nil` for the built-in policy.
    var policyPath: String? { get }
    /// The smallest copy reported, in tokens; `nil` for the matcher's default.
    var minTokens: Int? { get }
    /// A file holding the bearer token every `/v1` request must carry; `nil`: no auth.
    var apiKeyFile: String? { get }
    /// Whether the index's lookup tables and token digests are kept in memory
    /// (`IndexReader(path:resident:)`); true unless a conformer says otherwise.
    var residentTables: Bool { get }
    var limits: ServerLimits { get }
    /// The model behind `POST /v1/completions` and how its fill-in-the-middle prompts are
    /// written; `nil` (the default): no completions.
    func completionBackend() throws -> (backend: any CompletionBackend, format: FIMFormat)?
}

extension ServerArguments {
    public var residentTables: Bool { true }

    public func completionBackend() throws -> (backend: any CompletionBackend, format: FIMFormat)? { nil }
}

/// How much one request and the server as a whole may take on.
public struct ServerLimits: Sendable, Hashable {
    /// Largest request body read, in bytes.
    public var maxBodyBytes: Int
    /// Most tokens one attribution request's code may have.
    public var maxTokens: Int
    /// Attribution requests matching or queued for a matching thread at once; one more is
    /// answered 503 with `Retry-After`.
    public var maxConcurrentAttributions: Int
    /// The `Retry-After` of that 503, in seconds.
    public var retryAfterSeconds: Int

    /// 1 MiB bodies, 50,000 tokens (about 5,000 lines), 64 attributions in flight.
    public static let `default` = ServerLimits(
        maxBodyBytes: 1 << 20, maxTokens: 50_000, maxConcurrentAttributions: 64, retryAfterSeconds: 1)

    public init(maxBodyBytes: Int, maxTokens: Int, maxConcurrentAttributions: Int, retryAfterSeconds: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxTokens = maxTokens
        self.maxConcurrentAttributions = maxConcurrentAttributions
        self.retryAfterSeconds = retryAfterSeconds
    }
}
