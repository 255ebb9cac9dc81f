import Foundation
import HTTPTypes
import HummingbirdTesting
import ProvenanceServer
import Reporting
import Testing

/// `GET /v1/sources/{fileId}`: the stored lines a match points at, and where they come from.
struct SourceRouteTests {
    struct Excerpt: Decodable {
        var fileId: Int64
        var repo, path, license, language, text: String
        var link: String?
        var url: String?
        var startLine, endLine, totalLines: Int
    }

    /// The file id of acme/tools `tools/core.py`, from a match on it.
    static func coreFileID(_ client: any TestClientProtocol, fixture: ServerFixture) async throws -> Int64 {
        let report = try await client.attribute(try json(["code": fixture.target, "language": "python"])).decode(FileReport.self)
        return try #require(report.matches.first).source.fileId
    }

    @Test("a match's source lines are served with repo, path, license and a link to those lines")
    func excerptOfMatch() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            let id = try await Self.coreFileID(client, fixture: fixture)
            let end = fixture.targetLine + 2
            let response = try await client.get("/v1/sources/\(id)?startLine=\(fixture.targetLine)&endLine=\(end)")
            #expect(response.status == .ok, "\(response.text)")
            let excerpt = try response.decode(Excerpt.self)
            #expect(excerpt.fileId == id && excerpt.repo == "acme/tools" && excerpt.path == "tools/core.py")
            #expect(excerpt.license == "MIT" && excerpt.language == "python" && excerpt.url == "https://github.com/acme/tools")
            let expected = fixture.target.split(separator: "\n").prefix(3).joined(separator: "\n")
            #expect(excerpt.text == expected && excerpt.startLine == fixture.targetLine && excerpt.endLine == end)
            #expect(excerpt.link == "https://github.com/acme/tools/blob/HEAD/tools/core.py#L\(fixture.targetLine)-L\(end)")
        }
    }

    @Test("without a range the whole file is served; an end past the last line is cut to it")
    func wholeFileAndClampedEnd() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            let lines = fixture.coreFile.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let id = try await Self.coreFileID(client, fixture: fixture)
            let whole = try await client.get("/v1/sources/\(id)").decode(Excerpt.self)
            #expect(whole.text == lines.joined(separator: "\n") && whole.totalLines == lines.count)
            #expect(whole.startLine == 1 && whole.endLine == lines.count)
            let tail = try await client.get("/v1/sources/\(id)?startLine=\(lines.count)&endLine=100000").decode(Excerpt.self)
            #expect(tail.startLine == lines.count && tail.endLine == lines.count && tail.text == String(lines.last!))
        }
    }

    @Test("an unknown file id is 404; a malformed id or line range is 400, each naming the problem")
    func errors() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            try await client.get("/v1/sources/999999").expectError(.notFound, type: "not_found_error", mentioning: "999999")
            try await client.get("/v1/sources/abc").expectError(.badRequest, type: "invalid_request_error", mentioning: "fileId", "abc")
            try await client.get("/v1/sources/0").expectError(.badRequest, type: "invalid_request_error", mentioning: "fileId")
            let id = try await Self.coreFileID(client, fixture: fixture)
            try await client.get("/v1/sources/\(id)?startLine=0").expectError(.badRequest, type: "invalid_request_error", mentioning: "startLine")
            try await client.get("/v1/sources/\(id)?endLine=x").expectError(.badRequest, type: "invalid_request_error", mentioning: "endLine", "'x'")
            try await client.get("/v1/sources/\(id)?startLine=5&endLine=4")
                .expectError(.badRequest, type: "invalid_request_error", mentioning: "before startLine 5")
            try await client.get("/v1/sources/\(id)?startLine=100000")
                .expectError(.badRequest, type: "invalid_request_error", mentioning: "past the end")
        }
    }
}
