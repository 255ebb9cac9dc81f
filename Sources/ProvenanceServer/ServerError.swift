import Foundation
import HTTPTypes
import Hummingbird

/// A request the server refuses, or a failure while answering it: the one error type of
/// ProvenanceServer.
///
/// Every error reaches the client as JSON in the shape OpenAI-compatible clients expect,
/// `{"error": {"message": "...", "type": "..."}}`, with a message that names the problem
/// (the field, the limit, the id).
public struct ServerError: Error, HTTPResponseError, CustomStringConvertible, Equatable {
    /// The machine-readable kind of error, the `type` of the JSON body.
    public enum Kind: String, Sendable, Codable {
        /// Malformed JSON, a wrong type, a missing field or a value out of range (400).
        case invalidRequest = "invalid_request_error"
        /// A missing or wrong API key (401).
        case authentication = "authentication_error"
        /// No such route or stored file (404).
        case notFound = "not_found_error"
        /// A body over the byte limit (413).
        case requestTooLarge = "request_too_large"
        /// Code over the token limit (413, like an oversized body, with its own type).
        case tooManyTokens = "too_many_tokens"
        /// Every attribution slot is taken; retry after `Retry-After` seconds (503).
        case overloaded = "overloaded_error"
        /// Something failed inside the server (500); the index's message says what.
        case internalError = "internal_error"
        /// The completion backend failed or timed out (502, 504).
        case upstream = "upstream_error"
        /// The server runs without a completion backend (501).
        case notConfigured = "not_configured_error"
    }

    public var status: HTTPResponse.Status
    public var kind: Kind
    public var message: String
    /// Extra response headers: `Retry-After` on 503, `WWW-Authenticate` on 401.
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ kind: Kind, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.kind = kind
        self.message = message
        self.headers = headers
    }

    public var description: String { message }

    /// The JSON body: `{"error": {"message": ..., "type": ...}}`.
    public struct Body: Codable, Sendable, Equatable {
        public struct Detail: Codable, Sendable, Equatable {
            public var message: String
            public var type: String
        }

        public var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(Body(error: .init(message: message, type: kind.rawValue)), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    // MARK: - The errors routes throw

    static func invalidRequest(_ message: String) -> ServerError { ServerError(.badRequest, .invalidRequest, message) }

    static func notFound(_ message: String) -> ServerError { ServerError(.notFound, .notFound, message) }

    static func bodyTooLarge(limit: Int) -> ServerError {
        ServerError(.contentTooLarge, .requestTooLarge, "the request body is over the limit of \(limit) bytes")
    }

    static func overloaded(limit: Int, retryAfter: Int) -> ServerError {
        ServerError(
            .serviceUnavailable, .overloaded,
            "all \(limit) attribution slots are busy; retry after \(retryAfter) s",
            headers: [.retryAfter: String(retryAfter)])
    }

    static func unauthorized(_ message: String) -> ServerError {
        ServerError(.unauthorized, .authentication, message, headers: [.wwwAuthenticate: "Bearer"])
    }
}

/// JSON responses as the server writes them: compact, keys sorted, slashes unescaped.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
