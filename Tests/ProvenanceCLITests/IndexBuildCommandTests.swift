import Foundation
import GRDB
import ProvenanceTestSupport
import Testing

/// `provenance index build` and `index stats` as a user runs them, over generated corpora.
struct IndexBuildCommandTests {
    @Test("build reads folders and Stack JSONL (plain, gzip, zstd); stats counts repos, files, licenses, languages and table sizes")
    func buildAndStats() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let corpus = TestCorpus(
            seed: 21,
            repos: [("acme/alpha", "MIT"), ("acme/beta", "BSD-2-Clause"),
                    ("stack/plain", "MIT"), ("stack/gzipped", "Apache-2.0"), ("stack/zstd", "BSD-3-Clause")],
            filesPerRepo: 5)
        let folders = try corpus.filter { $0.name.hasPrefix("acme/") }.writeFolders(under: folder.url)
        var arguments = ["build", "--db", folder.url.appendingPathComponent("index.sqlite").path]
        for (repo, path) in zip(["acme/alpha", "acme/beta"], folders) {
            arguments += ["--dir", path.path, "--repo", repo]  // no --license: read from the LICENSE file
        }
        for (name, compression) in [("plain", TestCorpus.Compression.none), ("gzipped", .gzip), ("zstd", .zstd)] {
            let file = folder.url.appendingPathComponent("\(name).jsonl")
            try corpus.filter { $0.name == "stack/\(name)" }.writeJSONL(to: file, compression: compression)
            arguments += ["--input", file.path]
        }
        let runner = try CommandRunner()
        try runner.index(arguments)
        let database = arguments[2]

        let stats = try runner.stats(database)
        #expect(stats.repos == corpus.repos.count)
        #expect(stats.files == corpus.fileCount)
        #expect(stats.bytes == corpus.byteCount)
        #expect(stats.licenseCounts == corpus.filesByLicense)
        #expect(stats.languageCounts == corpus.filesByLanguage)
        #expect(stats.tokens > 0 && stats.fingerprints > 0)
        #expect(stats.distinctHashes > 0 && stats.distinctHashes <= stats.fingerprints)
        for table in ["contents", "files", "fingerprints", "signatures", "lsh_buckets"] {
            #expect((stats.tableSizes[table] ?? 0) > 0, "no size for \(table) in \(stats.tableBytes)")
        }
        #expect(stats.tableBytes.reduce(0) { $0 + $1.count } <= stats.fileBytes)

        let text = try runner.index(["stats", "--db", database]).standardOutput
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(text.contains("repos \(stats.repos), files \(stats.files), distinct contents \(stats.contents)"))
        #expect(text.contains("fingerprints \(stats.fingerprints), distinct hashes \(stats.distinctHashes)"))
        for (license, count) in corpus.filesByLicense { #expect(lines.contains("  \(license): \(count) files"), "\(text)") }
        for (language, count) in corpus.filesByLanguage { #expect(lines.contains("  \(language): \(count) files"), "\(text)") }
        #expect(lines.contains { $0.hasPrefix("  fingerprints: ") && $0.hasSuffix(" MB") }, "\(text)")
    }

    enum NotAnIndex: String, CaseIterable, CustomTestStringConvertible {
        case missing, text, foreignDatabase, interruptedBuild
        var testDescription: String { rawValue }
    }

    @Test("stats on what is not a complete index exits 2 with one line", arguments: NotAnIndex.allCases)
    func statsRefuses(_ file: NotAnIndex) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let runner = try CommandRunner()
        let message: String
        switch file {
        case .missing:
            message = "no index at \(path)"
        case .text:
            try folder.write("index.sqlite", String(repeating: "not a database, just text\n", count: 40))
            message = "is not a Provenance index"
        case .foreignDatabase:
            try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes(text TEXT)") }
            message = "is not a Provenance index"
        case .interruptedBuild:
            // A build stopped by a bad row leaves its partial file behind, as a killed one does.
            let rows = try folder.write("rows.jsonl", "{\"content\": \"x = 1\"\n")
            expectInputError(try runner.run(["index", "build", "--db", path, "--input", rows.path]), "rows.jsonl:1")
            message = "incomplete"
        }
        expectInputError(try runner.run(["index", "stats", "--db", path]), message)
    }

    @Test("build over a complete index is refused; --if-missing succeeds and leaves it as it was")
    func noOverwrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let corpus = TestCorpus(seed: 3, repos: [("acme/once", "MIT")], filesPerRepo: 2)
        let rows = folder.url.appendingPathComponent("rows.jsonl")
        try corpus.writeJSONL(to: rows)
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let runner = try CommandRunner()
        try runner.index(["build", "--db", path, "--input", rows.path])
        let built = try Data(contentsOf: URL(fileURLWithPath: path))

        expectInputError(try runner.run(["index", "build", "--db", path, "--input", rows.path]), "already exists")
        try runner.index(["build", "--db", path, "--input", rows.path, "--if-missing"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == built)
        #expect(!FileManager.default.fileExists(atPath: path + ".building"))
    }

    @Test("--if-missing builds again an index of another format version, and says so")
    func ifMissingReplacesAnotherFormat() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let corpus = TestCorpus(seed: 4, repos: [("acme/older", "MIT")], filesPerRepo: 2)
        let rows = folder.url.appendingPathComponent("rows.jsonl")
        try corpus.writeJSONL(to: rows)
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let runner = try CommandRunner()
        try runner.index(["build", "--db", path, "--input", rows.path])
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 2") }
        expectInputError(try runner.run(["index", "stats", "--db", path]), "is format 2")

        let rebuilt = try runner.run(["index", "build", "--db", path, "--input", rows.path, "--if-missing"])
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(rebuilt.standardError.contains("is index format 2, this build reads format"), "\(rebuilt.standardError)")
        let stats = try runner.run(["index", "stats", "--db", path, "--format", "json"])
        #expect(stats.status == 0 && stats.standardOutput.contains("\"files\""), "\(stats.standardError)")
    }

    @Test("a truncated JSONL row stops the build at its line; --skip-bad resumes it, counting and placing the bad rows")
    func skipBadRows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let corpus = TestCorpus(seed: 8, repos: [("acme/rows", "MIT")], filesPerRepo: 6)
        var rows = corpus.jsonLines.split(separator: "\n").map(String.init)
        rows[2] = String(rows[2].prefix(rows[2].count / 2))  // line 3: cut in the middle
        let last = rows.count
        rows[last - 1] = String(rows[last - 1].prefix(40))  // the last line, cut with no newline
        let input = try folder.write("rows.jsonl", rows.joined(separator: "\n"))
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let runner = try CommandRunner()

        expectInputError(try runner.run(["index", "build", "--db", path, "--input", input.path]), "rows.jsonl:3: malformed row")
        #expect(!FileManager.default.fileExists(atPath: path))

        let result = try runner.index(["build", "--db", path, "--input", input.path, "--skip-bad"])
        #expect(result.standardError.contains("\(corpus.fileCount - 2) files stored; skipped 2 bad-row"), "\(result.standardError)")
        #expect(result.standardError.contains("rows.jsonl:3: malformed row"))
        #expect(result.standardError.contains("rows.jsonl:\(last): malformed row"))
        #expect(result.standardError.contains("truncated?"))
        #expect(try runner.stats(path).files == corpus.fileCount - 2)
    }
}
