import CodeLexing
import Fingerprinting
import Foundation
@testable import IndexStore
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// What a server keeps in memory (every stored fingerprint, the token digests of stored
/// contents), and keeping it up to date.
struct ResidentTablesTests {
    typealias Fixture = IndexWriterTests

    @Test("a posting table finds every row of each key in the order added, sorted or not, at the ends of the key range and for keys of hundreds of rows too")
    func postingRows() {
        var random = SeededGenerator(seed: 11)
        for count in [0, 1, 2, 100, 5_000] {
            // Some keys repeated (a fingerprint in several contents), the extremes included.
            var keys = (0..<count).map { _ in Int64(bitPattern: random.next()) }
            keys += keys.prefix(count / 10) + (count > 0 ? [Int64.min, Int64.max, -1, 0] : [])
            // A common key: hundreds of rows in one slot, with its neighbours in key order.
            if let common = keys.first { keys += Array(repeating: common, count: 300) + [common &- 1, common &+ 1] }
            let rows = keys.enumerated().map { (key: $1, content: UInt32($0)) }
            for sorted in [true, false] {
                var table = PostingTable()
                // Sorted as the index stores them, or as they were generated.
                for row in sorted ? rows.sorted(by: { ($0.key, $0.content) < ($1.key, $1.content) }) : rows {
                    table.append(row.key, content: row.content)
                }
                table.finish()
                for key in Set(keys) {
                    let found = table.rows(of: UInt64(bitPattern: key)).map { table.contents[$0] }
                    #expect(found == rows.filter { $0.key == key }.map(\.content), "key \(key) of \(count)")
                }
                let absent = (0..<200).map { _ in random.next() }.filter { !keys.contains(Int64(bitPattern: $0)) }
                #expect(absent.allSatisfy { table.rows(of: $0).isEmpty })
            }
        }
    }

    @Test("a reader with resident tables finds and counts the same hits, name postings and near-duplicates, in the same order, as one without")
    func sameHits() throws {
        let index = try TestIndexBuilder()
            .repo("o/a", files: ["a.py": Fixture.code(1), "b.py": Fixture.code(2)])
            .repo("o/b", files: ["c.py": Fixture.code(3)])
            .build()
        defer { index.remove() }
        let resident = try IndexReader(path: index.path, resident: true)
        let plain = try IndexReader(path: index.path)
        #expect(resident.residentGeneration != nil)
        for view in TokenView.allCases {
            // Every k-gram of a stored file and of a file that is not stored.
            let hashes = [Fixture.code(2), Fixture.code(9)].flatMap { code in
                let bytes = Array(code.utf8)
                let tokens = bytes.withUnsafeBufferPointer { Language.python.lexer.tokens(in: $0) }
                return bytes.withUnsafeBufferPointer { resident.fingerprinter.kgramHashes(of: tokens, in: $0, view: view) }
            }
            let expected = try plain.hits(for: hashes, view: view)
            #expect(!expected.isEmpty)
            #expect(try resident.hits(for: hashes, view: view) == expected)
            // Counted without being read: the same hits, some hash stored more than once.
            let counted = Dictionary(grouping: expected, by: \.hash).mapValues(\.count)
            #expect(counted.values.contains { $0 > 1 })
            #expect(try plain.snapshot { try $0.hitCounts(for: hashes, view: view) } == counted)
            #expect(try resident.snapshot { try $0.hitCounts(for: hashes, view: view) } == counted)
            // The same hashes in one content at a time, as the rare-name lookup asks.
            for content in Set(expected.map(\.contentID)) {
                let inContent = try plain.snapshot { try $0.hits(for: hashes, view: view, in: content) }
                #expect(!inContent.isEmpty)
                #expect(try resident.snapshot { try $0.hits(for: hashes, view: view, in: content) } == inContent)
            }
        }
        // Every name posting, and the LSH buckets of a stored file's signature.
        let names = [1, 2, 3, 9].flatMap { seed in
            let bytes = Array(Fixture.code(seed).utf8)
            let tokens = bytes.withUnsafeBufferPointer { Language.python.lexer.tokens(in: $0) }
            let exact = bytes.withUnsafeBufferPointer { resident.fingerprinter.tokenHasher.symbols(of: tokens, in: $0, view: .exact) }
            return zip(tokens, exact).filter { $0.0.kind == .identifier || $0.0.kind == .string }.map(\.1)
        }
        let postings = try plain.snapshot { try $0.contents(withNames: names) }
        #expect(!postings.isEmpty)
        #expect(try resident.snapshot { try $0.contents(withNames: names) }.map { [$0.name, UInt64($0.contentID)] }
            == postings.map { [$0.name, UInt64($0.contentID)] })
        let signature = resident.fingerprinter.minHasher.signature(ofNormalizedSymbols: {
            let bytes = Array(Fixture.code(3).utf8)
            let tokens = bytes.withUnsafeBufferPointer { Language.python.lexer.tokens(in: $0) }
            let exact = bytes.withUnsafeBufferPointer { resident.fingerprinter.tokenHasher.symbols(of: tokens, in: $0, view: .exact) }
            return resident.fingerprinter.tokenHasher.normalizedSymbols(of: tokens, exact: exact)
        }())
        let similar = try plain.nearDuplicates(of: signature, minimum: 0.5)
        #expect(similar.contains { $0.jaccard == 1 }, "the file itself")
        #expect(try resident.nearDuplicates(of: signature, minimum: 0.5).map(\.contentID) == similar.map(\.contentID))
    }

    @Test("files added while a reader with resident tables is open are found, before and after they are rebuilt")
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

        // The tables were built before the file was added: the reader must not trust them.
        #expect(Set(try reader.hits(for: hashes, view: .exact).map(\.hash)) == Set(hashes))
        for _ in 0..<500 where reader.residentGeneration == built { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try #require(reader.residentGeneration) > built, "the tables are rebuilt from the new generation")
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
        // Read a content at a time (batches of one byte), the same digests.
        let batched = try reader.read("digests") { try TokenDigests.build($0, hasher: reader.fingerprinter.tokenHasher, batchBytes: 1) }
        let whole = try reader.read("digests") { try TokenDigests.build($0, hasher: reader.fingerprinter.tokenHasher) }
        for id in 1...2 { #expect(batched.digests(of: Int64(id)).map(Array.init) == whole.digests(of: Int64(id)).map(Array.init)) }
        #expect(whole.digests(of: 1) != nil && whole.digests(of: 2) != nil)
        #expect(try IndexReader(path: path).snapshot { $0.hasTokenDigests } == false, "a reader without resident tables has none")

        let update = try IndexWriter.update(at: path)
        try Fixture.load(["second": [(Fixture.repo("o/second"), [Fixture.file("c.py", Fixture.code(7))])]], into: update)
        try update.finish()
        #expect(try reader.snapshot { $0.hasTokenDigests } == false, "digests of an older generation are not used")
        for _ in 0..<500 where reader.residentGeneration == built { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try digests("c.py") == expected(Fixture.code(7)))
    }
}
