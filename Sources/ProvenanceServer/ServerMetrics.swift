import Prometheus
import Reporting
import Synchronization

/// The server's Prometheus metrics, in a registry of its own (not the process-wide
/// swift-metrics system), so each application, and each test, counts alone.
///
/// Names: `provenance_http_requests_total{route,method,status}`,
/// `provenance_http_request_duration_seconds{route}` (histogram),
/// `provenance_attribution_matches_total{action}`, `provenance_attributions_in_flight`,
/// `provenance_completions_blocked_total`. Routes are the router's templates
/// (`/v1/sources/{fileId}`), `NotFound` for everything else, so labels stay few.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// Completions the policy blocked after every retry; the completions route counts them.
    public let completionsBlocked: Counter
    let attributionsInFlight: Gauge

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "provenance", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by route template, method and status.")
    }
    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "provenance", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from a request's arrival until its response is ready to send, by route template.")
    }
    private static var matches: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "provenance", subsystem: "attribution", metricName: "matches", unitName: "total",
            helpText: "Copied spans reported by attribution requests, by policy action.")
    }

    /// Latency buckets from 1 ms to 10 s: attribution's target (p99 ≤ 20 ms) sits inside.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(10),
    ]

    public init() {
        registry = PrometheusCollectorRegistry()
        completionsBlocked = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "provenance", subsystem: "completions", metricName: "blocked", unitName: "total",
            helpText: "Completions refused because the policy blocked every attempt."))
        attributionsInFlight = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "provenance", metricName: "attributions_in_flight", unitName: "",
            helpText: "Attribution requests matching or queued for a matching thread."))
        // Every action's series exists from the start, so a scrape shows zeros rather than nothing.
        for action in PolicyAction.allCases { _ = matchCounter(action) }
    }

    /// A request counter and its route's latency histogram, made once for each route,
    /// method and status seen: the registry builds a metric's name and checks its labels
    /// on every `make…` call, a few microseconds a request.
    private struct RequestSeries: Sendable {
        struct Key: Hashable, Sendable {
            let route: String
            let method: String
            let status: Int
        }

        let requests: Counter
        let duration: DurationHistogram
    }

    private let requestSeries = Mutex<[RequestSeries.Key: RequestSeries]>([:])

    /// Counts one finished request.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestSeries.Key(route: route, method: method, status: status)
        let series = requestSeries.withLock { known in
            if let series = known[key] { return series }
            let series = RequestSeries(
                requests: registry.makeCounter(
                    descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))]),
                duration: registry.makeDurationHistogram(
                    descriptor: Self.duration, labels: [("route", route)], buckets: Self.latencyBuckets))
            known[key] = series
            return series
        }
        series.requests.increment()
        series.duration.record(duration)
    }

    /// Counts the matches of one attribution report by policy action.
    func recordMatches(_ report: FileReport) {
        for match in report.matches { matchCounter(match.action).increment() }
    }

    private func matchCounter(_ action: PolicyAction) -> Counter {
        registry.makeCounter(descriptor: Self.matches, labels: [("action", action.rawValue)])
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String { registry.emitToString() }
}
