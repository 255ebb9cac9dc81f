import HTTPTypes
import Hummingbird
import Logging
import Matching
import NIOCore

/// The server for `provenance serve`: the index opened read-only, the router, bound to
/// `arguments.host:port`; `onListening` gets the bound address (useful with port 0).
///
/// ```swift
/// let app = try buildApplication(arguments) { print("listening on \($0)") }
/// try await app.runService()   // graceful shutdown on SIGINT and SIGTERM
/// ```
public func buildApplication(
    _ arguments: some ServerArguments, onListening: @escaping @Sendable (String) -> Void = { _ in }
) throws -> some ApplicationProtocol {
    var logger = Logger(label: "provenance")
    logger.logLevel = .notice
    return Application(
        router: buildRouter(try ServerEnvironment(arguments)),
        configuration: ApplicationConfiguration(address: .hostname(arguments.host, port: arguments.port), serverName: "provenance"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? arguments.port
            onListening("http://\(arguments.host.contains(":") ? "[\(arguments.host)]" : arguments.host):\(port)")
        },
        logger: logger)
}

/// How many threads parse HTTP and move bytes (NIO's event loops) in this process.
public enum ServerThreads {
    /// The default: half the cores, at least one. Matching runs on NIO's blocking-work
    /// threads, one a core, and is most of a request's CPU (the event loops' share was an
    /// eighth under load); on two cores, one loop instead of two gave 3% more answers a
    /// second and a lower p99 (`Benchmarks/README.md`).
    public static var defaultEventLoops: Int { max(1, System.coreCount / 2) }

    /// Sets the event loop count (`defaultEventLoops` when nil) and returns it. Call it
    /// before anything in the process uses NIO's shared event loops; later it has no effect.
    @discardableResult
    public static func configure(eventLoops: Int?) -> Int {
        let count = eventLoops ?? defaultEventLoops
        NIOSingletons.groupLoopCountSuggestion = count
        return count
    }
}

/// Builds the server and runs it until SIGINT or SIGTERM, then lets requests in flight
/// finish (swift-service-lifecycle's graceful shutdown, on those two signals by default);
/// what `provenance serve` calls.
public func runServer(
    _ arguments: some ServerArguments, onListening: @escaping @Sendable (String) -> Void = { _ in }
) async throws {
    try await buildApplication(arguments, onListening: onListening).runService()
}

/// The paths the server answers, as the router and `openapi.json` name them.
public enum ServerRoutes {
    public static let page = "/"
    public static let script = "/static/app.js"
    public static let style = "/static/app.css"
    public static let health = "/healthz"
    public static let metrics = "/metrics"
    public static let openAPI = "/openapi.json"
    public static let attributions = "/v1/attributions"
    public static let sources = "/v1/sources/{fileId}"
    public static let index = "/v1/index"
    /// The gate's OpenAI-compatible completions (501 when the server has no backend).
    public static let completions = "/v1/completions"

    /// Every path `openapi.json` documents.
    public static let all = [page, script, style, health, metrics, openAPI, attributions, sources, index, completions]
}

/// Every route over `environment`; tests call it directly with `app.test(.router)`.
///
/// Middleware, outermost first: metrics (counts what was really sent), JSON errors (every
/// throw becomes `{"error": {...}}`), then, on `/v1` only, the bearer key when one is set.
public func buildRouter(_ environment: ServerEnvironment) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestMetricsMiddleware(metrics: environment.metrics))
    router.add(middleware: JSONErrorMiddleware())

    router.get(RouterPath(ServerRoutes.page)) { _, _ in WebPage.page }
    router.get(RouterPath(ServerRoutes.script)) { _, _ in WebPage.script }
    router.get(RouterPath(ServerRoutes.style)) { _, _ in WebPage.style }
    router.get(RouterPath(ServerRoutes.health), use: OperationsRoutes.health)
    router.get(RouterPath(ServerRoutes.metrics)) { _, _ in OperationsRoutes.metrics(environment.metrics) }
    router.get(RouterPath(ServerRoutes.openAPI), use: OperationsRoutes.openAPI)

    let api = router.group("v1")
    if let key = environment.apiKey { api.add(middleware: BearerAuthMiddleware(key: key)) }
    let attributions = AttributionRoute(environment: environment)
    api.post("attributions", use: attributions.respond)
    api.get("sources/{fileId}", use: SourceRoute(index: environment.matcher.index).respond)
    api.get("index", use: IndexRoute(statistics: environment.statistics).respond)

    // POST /v1/completions: the gate when the server has a completion backend, else 501.
    if let gate = environment.gate {
        api.post("completions", use: CompletionsRoute(environment: environment, gate: gate).respond)
    } else {
        api.post("completions") { _, _ -> Response in
            throw ServerError(
                .notImplemented, .notConfigured,
                "this server has no completion backend; start it with --backend-url URL or --model DIR")
        }
    }

    return router
}
