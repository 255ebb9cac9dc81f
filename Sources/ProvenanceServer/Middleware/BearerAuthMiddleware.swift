import HTTPTypes
import Hummingbird

/// Requires `Authorization: Bearer KEY` on the routes it guards (every `/v1` route when the
/// server has a key); anything else gets 401 with the JSON error and `WWW-Authenticate`.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw ServerError.unauthorized("missing the Authorization header: send `Authorization: Bearer <API key>`")
        }
        let prefix = "Bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased() else {
            throw ServerError.unauthorized("the Authorization header is not `Bearer <API key>`")
        }
        guard Self.constantTimeEqual(Array(header.utf8.dropFirst(prefix.utf8.count)), Array(key.utf8)) else {
            throw ServerError.unauthorized("the API key is not valid")
        }
        return try await next(request, context)
    }

    /// Compares every byte whatever the first difference, so timing does not reveal the key's prefix.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
