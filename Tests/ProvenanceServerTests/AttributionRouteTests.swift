import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ProvenanceServer
import ProvenanceTestSupport
import Reporting
import Testing

/// `POST /v1/attributions`: the report of `check`, and every way a request can be refused.
struct AttributionRouteTests {
    @Test("a copied function is reported with its query lines, source file, lines and license, and the policy's action")
    func copyIsAttributed() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            let code = "import os\n\n" + fixture.target + "\nprint('done')\n"
            let targetLines = fixture.target.split(separator: "\n").count
            let response = try await client.attribute(try json(["code": code, "filename": "copy.py"]))
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.decode(FileReport.self)
            #expect(report.path == "copy.py" && report.language == "python")
            let match = try #require(report.matches.first)
            #expect(report.matches.count == 1)
            #expect(match.query == FileReport.Lines(startLine: 3, endLine: 2 + targetLines))
            #expect(match.source.repo == "acme/tools" && match.source.path == "tools/core.py" && match.source.license == "MIT")
            #expect(match.source.startLine == fixture.targetLine && match.source.endLine == fixture.targetLine + targetLines - 1)
            #expect(match.source.url == "https://github.com/acme/tools" && match.source.fileId > 0)
            #expect(match.action == .annotate && report.verdict == .annotate)
        }
    }

    @Test("GPL code gets the verdict block; novel code has no matches and the verdict allow")
    func verdicts() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            var generator = CodeGenerator(seed: 99)
            let novel = generator.pythonModule(functions: 3)
            let blocked = try await client.attribute(try json(["code": fixture.blocked, "language": "python"])).decode(FileReport.self)
            #expect(blocked.verdict == .block && blocked.matches.first?.source.repo == "gpl/engine")
            let clean = try await client.attribute(try json(["code": novel, "language": "py"])).decode(FileReport.self)
            #expect(clean.matches.isEmpty && clean.verdict == .allow && clean.path == "<request>")
        }
    }

    @Test("minTokens above the copy's length hides it; the language comes from the filename when not given")
    func optionsApply() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            let high = try await client.attribute(try json(["code": fixture.target, "filename": "a.py", "minTokens": 100_000]))
            #expect(high.status == .ok)
            #expect(try high.decode(FileReport.self).matches.isEmpty)
            let generic = try await client.attribute(try json(["code": fixture.target, "filename": "notes.txt"]))
            #expect(try generic.decode(FileReport.self).language == "other")
        }
    }

    @Test("malformed requests get 400 with a JSON error naming the problem", arguments: [
        (#"{"code": "x""#, "not valid JSON"),
        (#"[1, 2]"#, "the body"),
        (#"{"language": "python"}"#, "code"),
        (#"{"code": 5}"#, "code must be a string"),
        (#"{"code": "x", "minTokens": "ten"}"#, "minTokens must be an integer"),
        (#"{"code": "x", "minTokens": 0}"#, "minTokens must be at least 1"),
        (#"{"code": "x", "language": "klingon"}"#, "unknown language 'klingon'"),
        (#"{"code": null}"#, "code"),
    ])
    func badRequests(body: String, mentioning: String) async throws {
        try await ServerFixture.withServer { _, _, client in
            try await client.attribute(ByteBuffer(string: body)).expectError(.badRequest, type: "invalid_request_error", mentioning: mentioning)
        }
    }

    @Test("a body over the byte limit gets 413 request_too_large; code over the token limit gets 413 too_many_tokens")
    func sizeLimits() async throws {
        var limits = ServerLimits.default
        limits.maxBodyBytes = 2_000
        limits.maxTokens = 40
        try await ServerFixture.withServer(limits: limits) { _, _, client in
            let big = try json(["code": String(repeating: "x = 1\n", count: 1_000)])
            try await client.attribute(big).expectError(.contentTooLarge, type: "request_too_large", mentioning: "2000 bytes")
            let tokens = try json(["code": String(repeating: "x = 1\n", count: 20), "language": "python"])
            try await client.attribute(tokens).expectError(.contentTooLarge, type: "too_many_tokens", mentioning: "limit of 40")
            let small = try json(["code": "x = 1\n", "language": "python"])
            #expect(try await client.attribute(small).status == .ok)
            let longComment = try json(["code": "# " + String(repeating: "long words ", count: 30) + "\nx = 1\n", "language": "python"])
            #expect(try await client.attribute(longComment).status == .ok, "more bytes than the token limit, but few tokens")
        }
    }

    @Test("when every attribution slot is taken the answer is 503 with Retry-After; a freed slot serves again")
    func fullMeansServiceUnavailable() async throws {
        var limits = ServerLimits.default
        limits.maxConcurrentAttributions = 2
        limits.retryAfterSeconds = 3
        try await ServerFixture.withServer(limits: limits) { fixture, environment, client in
            #expect(environment.limiter.tryAcquire() && environment.limiter.tryAcquire())
            let body = try json(["code": fixture.target, "language": "python"])
            let full = try await client.attribute(body)
            try full.expectError(.serviceUnavailable, type: "overloaded_error", mentioning: "2 attribution slots")
            #expect(full.headers[.retryAfter] == "3")
            #expect(environment.limiter.inFlight == 2, "a refused request takes no slot")
            environment.limiter.release()
            #expect(try await client.attribute(body).status == .ok)
            #expect(environment.limiter.inFlight == 1, "a served request gives its slot back")
        }
    }
}
