import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexStore
import Matching
import NIOCore
import ProvenanceServer
import ProvenanceTestSupport
import Reporting
import Testing

/// A small generated corpus in a test index, and the server's routes over it, tested with
/// `app.test(.router)` (no sockets).
struct ServerFixture {
    let index: TestIndex
    /// An MIT function: acme/tools `tools/core.py` (repo URL on GitHub), from line `targetLine`.
    let target: String
    let targetLine: Int
    /// The whole of `tools/core.py`.
    let coreFile: String
    /// A GPL-3.0-only function: gpl/engine `engine/solver.py` (the default policy blocks it).
    let blocked: String

    init() throws {
        var generator = CodeGenerator(seed: 11)
        let before = generator.pythonModule(functions: 2)
        target = generator.pythonFunction(statements: 14)
        targetLine = before.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        coreFile = before + "\n\n" + target + "\n\n" + generator.pythonModule(functions: 1)
        blocked = generator.pythonFunction(statements: 14)
        index = try TestIndexBuilder()
            .repo("acme/tools", license: "MIT", url: "https://github.com/acme/tools", files: ["tools/core.py": coreFile])
            .repo("gpl/engine", license: "GPL-3.0-only", files: ["engine/solver.py": generator.pythonFunction() + "\n\n" + blocked])
            .repo("other/noise", license: "Apache-2.0", files: ["noise.py": generator.pythonModule(functions: 4)])
            .build()
    }

    func remove() { index.remove() }

    /// The server's environment over the test index, its tables resident as `serve` keeps them.
    func environment(limits: ServerLimits = .default, apiKey: String? = nil) throws -> ServerEnvironment {
        ServerEnvironment(matcher: Matcher(index: try IndexReader(path: index.path, resident: true)), limits: limits, apiKey: apiKey)
    }

    /// Runs `body` against the router built over `environment`.
    func test(
        _ environment: ServerEnvironment, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await Application(router: buildRouter(environment)).test(.router, body)
    }
}

/// A JSON body of `object`.
func json(_ object: [String: Any]) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
}

extension TestClientProtocol {
    /// `POST /v1/attributions` with `body`.
    func attribute(_ body: ByteBuffer, headers: HTTPFields = [:], uri: String = "/v1/attributions") async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await execute(uri: uri, method: .post, headers: headers, body: body)
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    /// Checks the JSON error body: its `type`, and that its message names `mentioning`.
    func expectError(
        _ status: HTTPResponse.Status, type: String, mentioning words: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        #expect(headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        let error = try decode(ServerError.Body.self).error
        #expect(error.type == type, sourceLocation: sourceLocation)
        for word in words {
            #expect(error.message.contains(word), "'\(error.message)' should mention '\(word)'", sourceLocation: sourceLocation)
        }
    }
}

extension ServerFixture {
    /// A fresh fixture and the router over it: `body` gets the fixture, the environment (to
    /// fill its limiter or read its metrics) and a client; the index is removed after.
    static func withServer(
        limits: ServerLimits = .default, apiKey: String? = nil,
        _ body: @Sendable (ServerFixture, ServerEnvironment, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let environment = try fixture.environment(limits: limits, apiKey: apiKey)
        try await fixture.test(environment) { client in try await body(fixture, environment, client) }
    }
}
