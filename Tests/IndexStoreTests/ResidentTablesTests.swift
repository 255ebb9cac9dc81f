import CodeLexing
import Fingerprinting
import Foundation
@testable import IndexStore
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// What a server keeps in memory (the Bloom filter of stored fingerprints, the token
/// digests of stored contents), and keeping it up to date.
struct ResidentTablesTests {
    typealias Fixture = IndexWriterTests

    @Test("every inserted fingerprint is found in its own view; absent ones rarely pass")
    func noFalseNegatives() {
        var random = SeededGenerator(seed: 11)
        let inserted = (0..<20_000).map { _ in random.next() }
        var filter = FingerprintFilter(capacity: inserted.count)
        for hash in inserted { filter.insert(hash, view: .exact) }
        #expect(inserted.allSatisfy { filter.mayContain($0, view: .exact) })
        // 16 bits a key, 5 of them set in one word: well under 1% pass by chance, in
        // another view as for another hash.
        let otherView = inserted.filter { filter.mayContain($0, view: .normalized) }.count
        let absent = (0..<20_000).filter { _ in filter.mayContain(random.next(), view: .exact) }.count
        #expect(otherView < 200, "\(otherView) of 20,000 passed in the view they were not inserted in")
        #expect(absent < 200, "\(absent) of 20,000 absent hashes passed")
    }

    @Test("a reader with the filter finds the same hits as one without")
    func sameHits() throws {
        let index = try TestIndexBuilder()
            .repo("o/a", files: ["a.py": Fixture.code(1), "b.py": Fixture.code(2)])
            .repo("o/b", files: ["c.py": Fixture.code(3)])
            .build()
        defer { index.remove() }
        let filtered = try IndexReader(path: index.path, resident: true)
        let plain = try IndexReader(path: index.path)
        #expect(filtered.residentGeneration != nil)
        for view in TokenView.allCases {
            // Every k-gram of a stored file and of a file that is not stored.
            let hashes = [Fixture.code(2), Fixture.code(9)].flatMap { code in
                let bytes = Array(code.utf8)
                let tokens = bytes.withUnsafeBufferPointer { Language.python.lexer.tokens(in: $0) }
                return bytes.withUnsafeBufferPointer { filtered.fingerprinter.kgramHashes(of: tokens, in: $0, view: view) }
            }
            let expected = try plain.hits(for: hashes, view: view)
            #expect(!expected.isEmpty)
            #expect(Set(try filtered.hits(for: hashes, view: view)) == Set(expected))
        }
    }

    @Test("files added while a reader with the filter is open are found, before and after it is rebuilt")
    func addedWhileOpen() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        try Fixture.load(["first": [(Fixture.repo("o/first"), [Fixture.file("a.py", Fixture.code(1))])]], into: writer)
        try writer.finish()
        let reader = try IndexReader(path: path, resident: true)
        let built = try #require(reader.residentGeneration)

        let added = Fixture.fingerprinter.fingerprints(of: Array(Fixture.code(7).utf8), language: .python)
        let hashes = added.exact.map(\.hash)
        #expect(try reader.hits(for: hashes, view: .exact).isEmpty)
        let update = try IndexWriter.update(at: path)
        try Fixture.load(["second": [(Fixture.repo("o/second"), [Fixture.file("b.py", Fixture.code(7))])]], into: update)
        try update.finish()

        // The filter was built before the file was added: the reader must not trust it.
        #expect(Set(try reader.hits(for: hashes, view: .exact).map(\.hash)) == Set(hashes))
        for _ in 0..<500 where reader.residentGeneration == built { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try #require(reader.residentGeneration) > built, "the filter is rebuilt from the new generation")
        #expect(Set(try reader.hits(for: hashes, view: .exact).map(\.hash)) == Set(hashes))
    }

    @Test("each stored content's token digests are those of its lexed tokens; contents added later have none until the rebuild")
    func tokenDigests() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        try Fixture.load(
            ["first": [(Fixture.repo("o/first"), [Fixture.file("a.py", Fixture.code(1)), Fixture.file("b.py", Fixture.code(2, count: 40))])]],
            into: writer)
        try writer.finish()
        let reader = try IndexReader(path: path, resident: true)
        let built = try #require(reader.residentGeneration)
        func expected(_ code: String) -> [UInt16] {
            let bytes = Array(code.utf8)
            let tokens = bytes.withUnsafeBufferPointer { Language.python.lexer.tokens(in: $0) }
            let exact = bytes.withUnsafeBufferPointer { reader.fingerprinter.tokenHasher.symbols(of: tokens, in: $0, view: .exact) }
            let normalized = reader.fingerprinter.tokenHasher.normalizedSymbols(of: tokens, exact: exact)
            return zip(exact, normalized).map(TokenDigests.digest)
        }
        func digests(_ path: String) throws -> [UInt16]? {
            try reader.snapshot { snapshot in
                let id = try snapshot.fileIDs(languages: [.python]).first { try snapshot.file(id: $0)?.path == path }!
                return try snapshot.tokenDigests(of: snapshot.file(id: id)!.contentID).map(Array.init)
            }
        }
        #expect(try digests("a.py") == expected(Fixture.code(1)))
        #expect(try digests("b.py") == expected(Fixture.code(2, count: 40)))
        #expect(try IndexReader(path: path).snapshot { $0.hasTokenDigests } == false, "a reader without resident tables has none")

        let update = try IndexWriter.update(at: path)
        try Fixture.load(["second": [(Fixture.repo("o/second"), [Fixture.file("c.py", Fixture.code(7))])]], into: update)
        try update.finish()
        #expect(try reader.snapshot { $0.hasTokenDigests } == false, "digests of an older generation are not used")
        for _ in 0..<500 where reader.residentGeneration == built { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try digests("c.py") == expected(Fixture.code(7)))
    }
}
