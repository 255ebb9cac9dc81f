import IndexStore
import ProvenanceCore
import Reporting

/// The body of `GET /v1/sources/{fileId}`: lines of a stored corpus file and where they
/// come from.
///
/// Invariant: `1 <= startLine <= endLine <= totalLines`; `text` holds exactly those lines,
/// joined by `\n`, without a final line break.
struct SourceExcerpt: Codable, Sendable, Equatable {
    var fileId: Int64
    var repo: String
    var path: String
    /// The SPDX expression, or `unknown`.
    var license: String
    var licenseOrigin: String
    var language: String
    /// The repository's address and version, when known.
    var url: String?
    var revision: String?
    /// A web address for these lines (GitHub and GitLab), or the repository's, when known.
    var link: String?
    var startLine: Int
    var endLine: Int
    var totalLines: Int
    var text: String

    /// Lines `requested` of `file` (all of them when `nil`); `endLine` past the end is cut to
    /// the last line; a start past the end or an end before the start is a 400.
    init(file: StoredFile, content: StoredContent, requested: (start: Int?, end: Int?)) throws {
        var lines = String(decoding: content.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        let start = requested.start ?? 1
        let end = min(requested.end ?? lines.count, lines.count)
        guard start <= lines.count else {
            throw ServerError.invalidRequest("startLine \(start) is past the end of file \(file.id), which has \(lines.count) lines")
        }
        guard start <= end else {
            throw ServerError.invalidRequest("endLine \(requested.end ?? end) is before startLine \(start)")
        }
        let source = FileReport.Source(
            repo: file.repo, path: file.path, license: file.license.description, startLine: start, endLine: end,
            url: file.repoURL, revision: file.revision, licenseOrigin: file.licenseOrigin.rawValue, fileId: file.id)
        fileId = file.id
        repo = file.repo
        path = file.path
        license = source.license
        licenseOrigin = source.licenseOrigin
        language = content.language.rawValue
        url = file.repoURL
        revision = file.revision
        link = source.link
        startLine = start
        endLine = end
        totalLines = lines.count
        text = lines[(start - 1)..<end].map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }.joined(separator: "\n")
    }
}
