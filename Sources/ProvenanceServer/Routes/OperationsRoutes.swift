import HTTPTypes
import Hummingbird
import ProvenanceCore

/// The routes for operators and tools: `/healthz`, `/metrics`, `/openapi.json`.
enum OperationsRoutes {
    /// `{"status": "ok", "version": ...}`: the server is up and its index open.
    struct Health: Codable, Sendable {
        var status = "ok"
        var version = ProvenanceVersion.current
    }

    static func health(_ request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(Health())
    }

    /// Prometheus text exposition format 0.0.4.
    static func metrics(_ metrics: ServerMetrics) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }

    static func openAPI(_ request: Request, context: some RequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }
}
