import HTTPTypes
import Hummingbird
import IndexStore
import NIOPosix

/// `GET /v1/sources/{fileId}?startLine=&endLine=`: an excerpt of a stored corpus file with
/// its repository, path and license — what a match's `source.fileId` points at.
struct SourceRoute: Sendable {
    let index: IndexReader

    func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        let text = context.parameters.get("fileId") ?? ""
        guard let fileID = Int64(text), fileID > 0 else {
            throw ServerError.invalidRequest("fileId must be a positive integer, got '\(text)'")
        }
        let query = request.uri.queryParameters
        let start = try Self.lineNumber(query.get("startLine"), name: "startLine")
        let end = try Self.lineNumber(query.get("endLine"), name: "endLine")
        let index = index
        let excerpt = try await NIOThreadPool.singleton.runIfActive { () throws -> SourceExcerpt in
            guard let file = try index.file(id: fileID), let content = try index.content(id: file.contentID) else {
                throw ServerError.notFound("no corpus file with id \(fileID) in the index")
            }
            return try SourceExcerpt(file: file, content: content, requested: (start, end))
        }
        return try JSONResponse.make(excerpt)
    }

    /// A 1-based line number query parameter, or `nil` when absent.
    static func lineNumber(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        guard let line = Int(text), line >= 1 else {
            throw ServerError.invalidRequest("\(name) must be a line number (an integer from 1), got '\(text)'")
        }
        return line
    }
}
