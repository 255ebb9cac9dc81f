import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import IndexStore
import Matching
import ProvenanceServer
import ProvenanceTestSupport
import Testing

/// The server opens the index read-only: serving never changes the file, and a write through
/// its reader fails.
struct ReadOnlyIndexTests {
    @Test("serving every route leaves the index file byte for byte as it was")
    func servingDoesNotWrite() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.index.path))
        try await fixture.test(try fixture.environment()) { client async throws in
            #expect(try await client.attribute(try json(["code": fixture.target, "language": "python"])).status == .ok)
            #expect(try await client.get("/v1/sources/1").status == .ok)
            #expect(try await client.get("/v1/index").status == .ok)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.index.path)) == before)
    }

    @Test("a write through the server's reader is refused by SQLite")
    func readerRefusesWrites() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let environment = try fixture.environment()
        #expect(throws: (any Error).self) {
            try environment.matcher.index.read("write") { db in try db.execute(sql: "DELETE FROM repos") }
        }
        #expect(try environment.matcher.index.statistics().repos == 3)
    }
}
