import Foundation
import GRDB
import IndexStore
import ProvenanceTestSupport
import Testing

/// `provenance index add` and `index remove` on a built index: updates in place, and an
/// opt-out that leaves nothing of the repository behind.
struct IndexUpdateCommandTests {
    @Test("add appends sources and leaves the indexed files as they were; remove --repo then purges every trace of the repo")
    func addThenRemove() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var corpus = TestCorpus(
            seed: 5,
            repos: [("base/alpha", "MIT"), ("base/beta", "BSD-2-Clause"),
                    ("more/gamma", "MIT"), ("more/delta", "Apache-2.0"), ("opt/gone", "MIT")],
            filesPerRepo: 4)
        // One of the opted-out repo's files is a copy of alpha's: that content must stay.
        corpus.repos[4].files.append(TestCorpus.File(
            path: "src/copied.py", language: "python", text: corpus.repos[0].files[0].text))
        let base = corpus.filter { $0.name.hasPrefix("base/") }
        let baseFolders = try base.writeFolders(under: folder.url)
        let gone = corpus.filter { $0.name == "opt/gone" }
        let goneFolder = try gone.writeFolders(under: folder.url)[0]
        let more = folder.url.appendingPathComponent("more.jsonl.zst")
        try corpus.filter { $0.name.hasPrefix("more/") }.writeJSONL(to: more, compression: .zstd)
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let runner = try CommandRunner()

        try runner.index(["build", "--db", path, "--dir", baseFolders[0].path, "--dir", baseFolders[1].path,
                          "--repo", "base/alpha", "--repo", "base/beta"])
        let built = try runner.stats(path)
        let baseFiles = try IndexTables.files(path)
        #expect(built.files == base.fileCount)

        let addGone = ["--dir", goneFolder.path, "--repo", "opt/gone"]
        try runner.index(["add", "--db", path, "--input", more.path] + addGone)
        let added = try runner.stats(path)
        #expect(added.repos == corpus.repos.count)
        #expect(added.files == corpus.fileCount)
        #expect(added.contents == corpus.fileCount - 1)
        #expect(added.fingerprints > built.fingerprints)
        #expect(added.licenseCounts == corpus.filesByLicense)
        #expect(try IndexTables.files(path, repos: ["base/alpha", "base/beta"]) == baseFiles)

        let ownContents = try IndexTables.open(path).read { db in
            try Int64.fetchAll(db, sql: """
                SELECT f.content_id FROM files f JOIN repos r ON r.id = f.repo_id WHERE r.name = 'opt/gone'
                AND NOT EXISTS (SELECT 1 FROM files o JOIN repos s ON s.id = o.repo_id
                                WHERE o.content_id = f.content_id AND s.name <> 'opt/gone')
                """)
        }
        #expect(ownContents.count == gone.fileCount - 1)
        let removal = try runner.index(["remove", "--db", path, "--repo", "opt/gone"])
        #expect(removal.standardOutput.hasPrefix("removed opt/gone: \(gone.fileCount) files, \(ownContents.count) contents, "))

        let removed = try runner.stats(path)
        let kept = corpus.filter { $0.name != "opt/gone" }
        #expect(removed.repos == kept.repos.count)
        #expect(removed.files == kept.fileCount)
        #expect(removed.contents == added.contents - ownContents.count)
        #expect(removed.fingerprints < added.fingerprints)
        #expect(removed.licenseCounts == kept.filesByLicense)
        #expect(removed.languageCounts == kept.filesByLanguage)
        #expect(try IndexTables.files(path, repos: ["base/alpha", "base/beta"]) == baseFiles)
        let traces = try Self.rowsMentioning(
            ["opt/gone", goneFolder.path], contents: ownContents,
            bytes: gone.repos[0].files.dropLast().map { Data(ContentCompression.compress(Array($0.text.utf8))) }, in: path)
        #expect(traces.isEmpty, "rows left: \(traces)")
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        // Contents are stored compressed: look for the start of each stored frame.
        for file in gone.repos[0].files.dropLast() {
            let stored = Data(ContentCompression.compress(Array(file.text.utf8)).prefix(64))
            #expect(raw.range(of: stored) == nil, "\(file.path) is still in the file")
        }
        for file in kept.repos.flatMap(\.files) {
            let stored = Data(ContentCompression.compress(Array(file.text.utf8)).prefix(64))
            #expect(raw.range(of: stored) != nil, "the search finds \(file.path), which was kept")
        }

        // Opted out is not blocked: adding the folder again reads it again.
        try runner.index(["add", "--db", path] + addGone)
        #expect(try runner.stats(path).files == corpus.fileCount)
    }

    @Test("remove of a repo the index does not have exits 2 naming it")
    func removeUnknownRepo() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let rows = folder.url.appendingPathComponent("rows.jsonl")
        try TestCorpus(seed: 2, repos: [("acme/only", "MIT")], filesPerRepo: 1).writeJSONL(to: rows)
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let runner = try CommandRunner()
        try runner.index(["build", "--db", path, "--input", rows.path])
        expectInputError(try runner.run(["index", "remove", "--db", path, "--repo", "nobody/none"]), "no repository named 'nobody/none'")
        #expect(try runner.stats(path).files == 1)
    }

    /// Every row of every table that holds one of `names` in a text column, one of
    /// `contents` in an id column, or one of `bytes` in a blob, as "table: row".
    static func rowsMentioning(_ names: [String], contents: [Int64], bytes: [Data], in path: String) throws -> [String] {
        try IndexTables.open(path).read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            var traces: [String] = []
            for table in tables {
                let idColumns: Set = table == "contents" ? ["id"] : ["content_id"]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    let hit = row.columnNames.contains { column in
                        switch (row[column] as DatabaseValue).storage {
                        case .string(let text): names.contains { text.contains($0) }
                        case .blob(let data): bytes.contains(data)
                        case .int64(let id): idColumns.contains(column) && contents.contains(id)
                        default: false
                        }
                    }
                    if hit { traces.append("\(table): \(row)") }
                }
            }
            return traces
        }
    }
}
