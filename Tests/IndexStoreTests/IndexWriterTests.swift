import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import IndexStore
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// Building, reading, resuming and purging an index file.
struct IndexWriterTests {
    static let fingerprinter = Fingerprinter(parameters: .default)

    static func file(_ path: String, _ code: String, language: Language = .python) -> IndexedFile {
        let bytes = Array(code.utf8)
        return IndexedFile(
            path: path, language: language, bytes: bytes,
            fingerprints: fingerprinter.fingerprints(of: bytes, language: language))
    }

    static func repo(_ name: String, _ license: String = "MIT") -> RepoRecord {
        RepoRecord(name: name, license: License(license), licenseOrigin: .declared, sourceKind: "directory")
    }

    /// Python code with `count` distinct functions, long enough to fingerprint.
    static func code(_ seed: Int, count: Int = 5) -> String {
        (0..<count).map { index in
            "def function_\(seed)_\(index)(alpha, beta):\n    total = alpha * \(seed) + beta - \(index)\n    return [total, alpha, beta, \(seed * 31 + index)]\n"
        }.joined()
    }

    /// Fingerprints of both views an index stores for these Python files.
    static func fingerprintCount(_ codes: String...) -> Int {
        codes.reduce(0) { sum, code in
            let prints = fingerprinter.fingerprints(of: Array(code.utf8), language: .python)
            return sum + prints.exact.count + prints.normalized.count
        }
    }

    /// One write of a source: a repository and its files.
    typealias Batch = (repo: RepoRecord, files: [IndexedFile])

    /// Loads each source's batches and marks the source complete (`finish()` is left to the caller).
    static func load(_ sources: KeyValuePairs<String, [Batch]>, into writer: IndexWriter) throws {
        for (description, batches) in sources {
            let source = try writer.beginSource(description)
            for batch in batches { try writer.write(batch.files, repo: batch.repo, source: source) }
            try writer.finishSource(source, skipped: 0)
        }
    }

    /// A build killed while loading its second source: `first` (a.py) is complete, and
    /// `started` has stored b.py of `repo` but was never finished, nor was the build.
    static func killedBuild(at path: String, started: String, repo: String) throws {
        let writer = try IndexWriter.build(at: path)
        try load(["first": [(Self.repo("o/first"), [file("a.py", code(1))])]], into: writer)
        let half = try writer.beginSource(started)
        try writer.write([file("b.py", code(2))], repo: Self.repo(repo), source: half)
    }

    static func count(_ table: String, in path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test("a built index opens, counts what was written and deduplicates identical contents")
    func buildAndRead() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        let source = try writer.beginSource("test source")
        let summary = try writer.write(
            [Self.file("a.py", Self.code(1)), Self.file("b.py", Self.code(2)), Self.file("copy_of_a.py", Self.code(1))],
            repo: Self.repo("owner/one"), source: source)
        #expect(summary == WriteSummary(files: 3, deduplicated: 1, duplicatePaths: 0))
        try writer.write([Self.file("a.py", Self.code(1))], repo: Self.repo("owner/two", "Apache-2.0"), source: source)
        try writer.finishSource(source, skipped: 0)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the final path before finish")
        try writer.finish()

        let reader = try IndexReader(path: path)
        let stats = try reader.statistics()
        #expect(stats.repos == 2)
        #expect(stats.files == 4)
        #expect(stats.contents == 2)
        #expect(stats.fingerprints > 0)
        #expect(stats.licenses.map(\.name).sorted() == ["Apache-2.0", "MIT"])
        #expect(stats.languages == [IndexStatistics.Count(name: "python", count: 4)])
        #expect(try Self.count("fingerprints", in: path) == stats.fingerprints)
        #expect(stats.fingerprints == Self.fingerprintCount(Self.code(1), Self.code(2)))
    }

    @Test("common fingerprints are those in more than the cap of contents, each with its content count")
    func commonFingerprints() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("common.sqlite").path
        let shared = Self.code(7)
        let writer = try IndexWriter.build(at: path, parameters: .default, commonCap: 2)
        // Four contents hold `shared` (each after its own function), one holds other code.
        try Self.load(["corpus": [(Self.repo("o/r"), (0..<4).map { Self.file("copy\($0).py", Self.code(100 + $0, count: 1) + shared) }
            + [Self.file("other.py", Self.code(9))])]], into: writer)
        try writer.finish()
        let index = try IndexReader(path: path)
        // Every file is written to one template: its normalized shape is in all five contents.
        for (view, holders) in [(TokenView.exact, 4), (.normalized, 5)] {
            let sharedHashes = Self.fingerprinter.fingerprints(of: Array(shared.utf8), language: .python).fingerprints(in: view).map(\.hash)
            let common = try index.commonHashes(among: sharedHashes, view: view)
            #expect(common.count * 2 > Set(sharedHashes).count, "most of the shared code's fingerprints are common (\(view))")
            #expect(common.values.allSatisfy { $0 == holders }, "\(view): \(common.values)")
            // Position by position, from SQLite or from the resident table: the same counts.
            let mixed = sharedHashes + Self.fingerprinter.fingerprints(of: Array(Self.code(9).utf8), language: .python).exact.map(\.hash)
            for (resident, reader) in [(false, index), (true, try IndexReader(path: path, resident: true))] {
                let counts = try reader.snapshot("test") { try $0.commonCounts(of: mixed, view: view) }
                #expect(counts == mixed.map { common[$0] }, "\(view), resident \(resident)")
            }
        }
        let otherHashes = Self.fingerprinter.fingerprints(of: Array(Self.code(9).utf8), language: .python).exact.map(\.hash)
        #expect(try index.commonHashes(among: otherHashes, view: .exact).isEmpty)
    }

    @Test("a killed build never opens as an index, and the same build resumes it")
    func interruptedBuild() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        try Self.killedBuild(at: path, started: "second", repo: "o/second")
        #expect(throws: IndexError.incomplete(path: path)) { try IndexReader(path: path) }

        let writer = try IndexWriter.build(at: path)
        #expect(try writer.beginSource("first").alreadyLoaded)
        let second = try writer.beginSource("second")
        #expect(!second.alreadyLoaded)
        // The file changed since the killed run: nothing of what that run staged may remain.
        try writer.write([Self.file("b.py", Self.code(3))], repo: Self.repo("o/second"), source: second)
        try writer.finishSource(second, skipped: 0)
        try writer.finish()
        let stats = try IndexReader(path: path).statistics()
        #expect(stats.files == 2)
        #expect(stats.contents == 2)
        #expect(stats.fingerprints == Self.fingerprintCount(Self.code(1), Self.code(3)))
    }

    @Test("a resumed build given fewer sources purges the ones the killed run left unfinished")
    func resumeDropsAbandonedSource() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        try Self.killedBuild(at: path, started: "abandoned", repo: "o/abandoned")
        let writer = try IndexWriter.build(at: path)
        #expect(try writer.beginSource("first").alreadyLoaded)
        try writer.finish()

        let stats = try IndexReader(path: path).statistics()
        #expect(stats.repos == 1 && stats.files == 1 && stats.contents == 1)
        #expect(try Self.count("sources", in: path) == 1)
        #expect(stats.fingerprints == Self.fingerprintCount(Self.code(1)))
    }

    @Test("a build killed after finish() stored its fingerprints resumes with more sources")
    func resumeAfterFinishedTransaction() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        try Self.load(["first": [(Self.repo("o/first"), [Self.file("a.py", Self.code(1))])]], into: writer)
        try writer.finish()
        // The state finish() leaves just before its rename: fingerprints moved, staging table gone.
        try FileManager.default.moveItem(atPath: path, toPath: path + IndexFormat.partialSuffix)

        let resumed = try IndexWriter.build(at: path)
        try Self.load(["second": [(Self.repo("o/second"), [Self.file("b.py", Self.code(2))])]], into: resumed)
        try resumed.finish()
        let stats = try IndexReader(path: path).statistics()
        #expect(stats.files == 2)
        #expect(stats.fingerprints == Self.fingerprintCount(Self.code(1), Self.code(2)))
    }

    @Test("a path the repo already has is counted, and its bytes are not stored")
    func duplicatePath() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        let source = try writer.beginSource("s")
        let summary = try writer.write(
            [Self.file("a.py", Self.code(1)), Self.file("a.py", Self.code(2))], repo: Self.repo("o/r"), source: source)
        #expect(summary == WriteSummary(files: 1, deduplicated: 0, duplicatePaths: 1))
        try writer.finishSource(source, skipped: 0)
        try writer.finish()
        let stats = try IndexReader(path: path).statistics()
        #expect(stats.contents == 1 && stats.files == 1)
        #expect(stats.fingerprints == Self.fingerprintCount(Self.code(1)))
    }

    @Test("a finished build has no free pages: the staging table's are given back")
    func compactAfterBuild() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let writer = try IndexWriter.build(at: path)
        try Self.load(["s": [(Self.repo("o/r"), (1...40).map { Self.file("m\($0).py", Self.code($0, count: 20)) })]], into: writer)
        try writer.finish()
        #expect(try Self.count("fingerprints", in: path) > 2_000)
        let free = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA freelist_count") ?? -1 }
        #expect(free == 0)
    }

    @Test("resuming with other parameters is refused")
    func resumeWithOtherParameters() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        _ = try IndexWriter.build(at: path).beginSource("first")
        var other = FingerprintParameters.default
        other.k = 7
        #expect(throws: IndexError.cannotResume(path: path, reason: "it was started with other fingerprint parameters")) {
            try IndexWriter.build(at: path, parameters: other)
        }
    }

    @Test("files that are not indexes, or of another version, are refused with a message")
    func refusals() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("none.sqlite").path
        #expect(throws: IndexError.missing(path: missing)) { try IndexReader(path: missing) }

        let text = try folder.write("text.sqlite", "just some text, not a database at all, but long enough to have a header")
        #expect(throws: IndexError.notAnIndex(path: text.path, reason: "not an SQLite database")) { try IndexReader(path: text.path) }

        let foreign = folder.url.appendingPathComponent("foreign.sqlite").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: IndexError.notAnIndex(path: foreign, reason: "an SQLite file written by something else")) {
            try IndexReader(path: foreign)
        }

        let path = folder.url.appendingPathComponent("old.sqlite").path
        let writer = try IndexWriter.build(at: path)
        try writer.finish()
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        do {
            _ = try IndexReader(path: path)
            Issue.record("an index of another version opened")
        } catch let error as IndexError {
            #expect(error == .wrongVersion(path: path, found: 99, expected: IndexFormat.version))
            #expect(error.description.contains("rebuild it with `provenance index build"))
        }
    }

    @Test("building over a complete index is refused")
    func noOverwrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        try IndexWriter.build(at: path).finish()
        #expect(throws: IndexError.alreadyExists(path: path)) { try IndexWriter.build(at: path) }
    }
}
