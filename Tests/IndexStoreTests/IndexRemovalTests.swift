import Fingerprinting
import Foundation
import GRDB
import IndexStore
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// `index add` and `index remove --repo`: updates in place, and opt-out leaves no trace.
struct IndexRemovalTests {
    typealias Fixture = IndexWriterTests

    @Test("removing a repo purges its files, its unshared contents, fingerprints and buckets; shared content stays; common names follow")
    func removeRepo() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        let source = try writer.beginSource("s")
        try writer.write([Fixture.file("keep.py", Fixture.code(1))], repo: Fixture.repo("o/keep"), source: source)
        try writer.write(
            [Fixture.file("gone.py", Fixture.code(2)), Fixture.file("shared.py", Fixture.code(1))],
            repo: Fixture.repo("o/gone"), source: source)
        try writer.finishSource(source, skipped: 0)
        try writer.finish()
        let before = try IndexReader(path: path).statistics()
        // Names in more than one content (of two, more than 1 in 100) are common: the
        // parameters both functions take, not a function's own name.
        func name(_ text: String) -> UInt64 { XXH3.hash(text, seed: Fixture.fingerprinter.parameters.seed) }
        #expect(try IndexReader(path: path).commonNames == [name("alpha"), name("beta"), name("total")])

        let gonePrints = Fixture.fingerprinter.fingerprints(of: Array(Fixture.code(2).utf8), language: .python)
        let summary = try IndexWriter.update(at: path).removeRepo(named: "o/gone")
        #expect(summary.files == 2)
        #expect(summary.contents == 1)
        #expect(summary.fingerprints == gonePrints.exact.count + gonePrints.normalized.count)

        let after = try IndexReader(path: path).statistics()
        #expect(after.repos == 1 && after.files == 1 && after.contents == 1)
        #expect(after.fingerprints == before.fingerprints - summary.fingerprints)
        #expect(try IndexReader(path: path).commonNames.isEmpty, "one content left: no name is in more than one")
        let (leftover, buckets, signatures) = try DatabaseQueue(path: path).read { db in
            let leftover = try gonePrints.exact.reduce(0) { sum, print in
                try sum + (Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fingerprints WHERE hash = ?", arguments: [Int64(bitPattern: print.hash)]) ?? 0)
            }
            return (leftover, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lsh_buckets") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signatures") ?? 0)
        }
        #expect(leftover == 0)
        #expect(buckets == Fixture.fingerprinter.bands.bands)
        #expect(signatures == 1)
        // secure_delete zeroed the freed pages: the removed code's stored (compressed) bytes are
        // nowhere in the file, while the kept code's are found the same way.
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        func stored(_ code: String) -> Data { Data(ContentCompression.compress(Array(code.utf8)).prefix(64)) }
        #expect(raw.range(of: stored(Fixture.code(2))) == nil)
        #expect(raw.range(of: stored(Fixture.code(1))) != nil)
    }

    @Test("removing a repo forgets the sources only it filled, so adding one again reads it")
    func removeForgetsEmptiedSources() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        try Fixture.load(
            ["dir /corpus/gone as o/gone": [(Fixture.repo("o/gone"), [Fixture.file("gone.py", Fixture.code(2))])],
             "jsonl /corpus/mixed.jsonl": [(Fixture.repo("o/keep"), [Fixture.file("keep.py", Fixture.code(1))]),
                                           (Fixture.repo("o/gone"), [Fixture.file("more.py", Fixture.code(3))])]],
            into: writer)
        try writer.finish()

        try IndexWriter.update(at: path).removeRepo(named: "o/gone")
        let sources = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT description, files FROM sources").map { ($0[0] as String, $0[1] as Int) }
        }
        #expect(sources.map(\.0) == ["jsonl /corpus/mixed.jsonl"])
        #expect(sources.map(\.1) == [1])
        #expect(try !IndexWriter.update(at: path).beginSource("dir /corpus/gone as o/gone").alreadyLoaded)
    }

    @Test("removing an unknown repo is an error naming it")
    func removeUnknown() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        try IndexWriter.build(at: path).finish()
        #expect(throws: IndexError.self) { try IndexWriter.update(at: path).removeRepo(named: "nobody/nothing") }
    }

    @Test("add appends sources while a reader keeps its snapshot")
    func addWhileReading() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let builder = try IndexWriter.build(at: path)
        let first = try builder.beginSource("first")
        try builder.write([Fixture.file("a.py", Fixture.code(1))], repo: Fixture.repo("o/a"), source: first)
        try builder.finishSource(first, skipped: 0)
        try builder.finish()

        let reader = try IndexReader(path: path)
        let writer = try IndexWriter.update(at: path)
        let second = try writer.beginSource("second")
        try writer.write([Fixture.file("b.py", Fixture.code(2))], repo: Fixture.repo("o/b"), source: second)
        // Mid-add, before the source is finished: the reader sees whole batches, never half a file.
        let (files, contents) = try reader.read("snapshot") { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contents") ?? 0)
        }
        #expect(files == contents)
        try writer.finishSource(second, skipped: 0)
        try writer.finish()
        #expect(try IndexReader(path: path).statistics().files == 2)
        #expect(try reader.statistics().files == 2)
    }
}
