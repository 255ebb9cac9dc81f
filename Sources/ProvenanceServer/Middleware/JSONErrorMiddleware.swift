import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns every error a route or the router throws into the JSON error body, so no client
/// ever sees an empty 404 or a bare 500; `RequestMetricsMiddleware`, outside it, then
/// counts each status that really went out.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.serverError(for: error, request: request, logger: context.logger).response(from: request, context: context)
        }
    }

    static func serverError(for error: any Error, request: Request, logger: Logger) -> ServerError {
        switch error {
        case let error as ServerError:
            return error
        case let error as HTTPError where error.status == .notFound:
            return .notFound(error.body ?? "no route \(request.method) \(request.uri.path)")
        case let error as HTTPError:
            return ServerError(
                error.status, error.status.code < 500 ? .invalidRequest : .internalError,
                error.body ?? error.status.reasonPhrase, headers: error.headers)
        case is NIOTooManyBytesError:
            return ServerError(.contentTooLarge, .requestTooLarge, "the request body is too large")
        default:
            logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return ServerError(.internalServerError, .internalError, "\(error)")
        }
    }
}
