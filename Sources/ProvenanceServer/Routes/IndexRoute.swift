import HTTPTypes
import Hummingbird

/// `GET /v1/index?top=N`: what the index holds — the JSON of `index stats --format json`.
struct IndexRoute: Sendable {
    let statistics: StatisticsCache

    func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        var top = 10
        if let text = request.uri.queryParameters.get("top") {
            guard let value = Int(text), (0...1000).contains(value) else {
                throw ServerError.invalidRequest("top must be an integer from 0 to 1000, got '\(text)'")
            }
            top = value
        }
        return try JSONResponse.make(try await statistics.statistics(top: top))
    }
}
