/// How a retry after a blocked completion samples differently from the attempt before it.
///
/// Retry n (n ≥ 1) samples `n × temperatureStep` hotter than the request, up to `maxTemperature`
/// (a request already hotter keeps its temperature), and with seed `seed + n` (`n` when the
/// request has no seed, so the same request is retried the same way). A greedy first attempt
/// (temperature 0) would otherwise only repeat the copy.
public struct RetrySampling: Sendable, Equatable {
    /// Added to the temperature per retry.
    public var temperatureStep: Double
    /// Retries sample no hotter than this.
    public var maxTemperature: Double
    /// The temperature taken for a request that names none (OpenAI's default).
    public var assumedTemperature: Double

    /// +0.3 per retry up to 1.0; a request without a temperature counts as 1.0.
    public static let `default` = RetrySampling(temperatureStep: 0.3, maxTemperature: 1.0, assumedTemperature: 1.0)

    /// A retry rule from its parts.
    public init(temperatureStep: Double, maxTemperature: Double, assumedTemperature: Double) {
        self.temperatureStep = temperatureStep
        self.maxTemperature = maxTemperature
        self.assumedTemperature = assumedTemperature
    }

    /// The request of attempt `attempt` (0: the first, unchanged).
    public func request(_ first: CompletionRequest, attempt: Int) -> CompletionRequest {
        precondition(attempt >= 0, "attempts count from 0")
        guard attempt > 0 else { return first }
        var retry = first
        let base = max(0, first.temperature ?? assumedTemperature)
        retry.temperature = base >= maxTemperature ? base : min(base + Double(attempt) * temperatureStep, maxTemperature)
        retry.seed = (first.seed ?? 0) &+ attempt
        return retry
    }
}
