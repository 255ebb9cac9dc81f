import HTTPTypes
import Hummingbird

/// Counts each request by route template, method and status, and times it until its
/// response is ready to send (bodies here are small and written at once).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // JSONErrorMiddleware answers every error inside; this is only a safety net.
            metrics.recordRequest(
                route: context.endpointPath ?? "NotFound", method: request.method.rawValue,
                status: (error as? any HTTPResponseError)?.status.code ?? 500, duration: start.duration(to: .now))
            throw error
        }
        metrics.recordRequest(
            route: context.endpointPath ?? "NotFound", method: request.method.rawValue, status: response.status.code,
            duration: start.duration(to: .now))
        return response
    }
}
