import Corpus
import Foundation
import ProvenanceCore
import ProvenanceTestSupport
import Testing

@Suite struct StackJSONLReaderTests {
    private let rows = [
        stackRow(content: "print('a')\n", path: "a.py"),
        stackRow(
            content: "class A {}\n", repo: "octo/java", path: "A.java", licenses: ["Apache-2.0", "MIT"],
            extra: ["max_stars_count": 42, "hexsha": "abc123", "lang": "Java"]),
        "{\"content\": \"x = 1\\n\", \"repo_name\": \"other/repo\", \"path\": \"x.py\", \"license\": \"BSD-3-Clause\"}",
    ]

    private func write(_ lines: [String], to name: String, in folder: TemporaryDirectory) throws -> String {
        try folder.write(name, lines.joined(separator: "\n") + "\n")
        return folder.path(name)
    }

    private func checkRows(_ documents: [CorpusDocument]) {
        #expect(documents.count == 3)
        #expect(documents[0].repository.name == "octo/demo")
        #expect(documents[0].language == .python)
        #expect(documents[0].bytes == Array("print('a')\n".utf8))
        #expect(documents[0].repository.license == License("MIT"))
        #expect(documents[0].repository.licenseOrigin == .datasetColumn)
        #expect(documents[0].repository.sourceKind == .stackJSONL)
        #expect(documents[1].repository.license == License("Apache-2.0 AND MIT"))
        #expect(documents[1].repository.stars == 42)
        #expect(documents[1].contentSHA == "abc123")
        #expect(documents[1].language == .java)
        #expect(documents[2].repository.name == "other/repo")
        #expect(documents[2].path == "x.py")
        #expect(documents[2].repository.license == License("BSD-3-Clause"))
    }

    @Test func readsPlainRows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let reader = try StackJSONLReader(path: try write(rows, to: "data.jsonl", in: folder))
        checkRows(try readAll(reader))
        #expect(reader.summary.documents == 3)
    }

    @Test(arguments: ["gzip", "zstd"])
    func readsCompressedRows(tool: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let plain = try write(rows, to: "data.jsonl", in: folder)
        try runTool(tool, ["-q", plain])
        let compressed = plain + (tool == "gzip" ? ".gz" : ".zst")
        // A small chunk size makes rows straddle decompression chunks.
        let reader = try StackJSONLReader(path: compressed, options: .init(chunkSize: 7))
        checkRows(try readAll(reader))
    }

    @Test func readsConcatenatedGzipMembers() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let first = try write([rows[0]], to: "one.jsonl", in: folder)
        let second = try write([rows[1], rows[2]], to: "two.jsonl", in: folder)
        try runTool("gzip", ["-q", first, second])
        var joined = try Data(contentsOf: URL(fileURLWithPath: first + ".gz"))
        joined.append(try Data(contentsOf: URL(fileURLWithPath: second + ".gz")))
        try folder.write("both.jsonl.gz", joined)
        checkRows(try readAll(try StackJSONLReader(path: folder.path("both.jsonl.gz"))))
    }

    @Test(arguments: [
        ("{not json", "invalid JSON"),
        ("{\"path\": \"a.py\"}", "\"content\" is missing"),
        ("{\"content\": 12}", "\"content\" is not a string"),
        ("{\"content\": \"x\", \"max_stars_repo_licenses\": [1]}", "holds a non-string"),
        ("{\"content\": \"x\", \"max_stars_count\": \"many\"}", "is not a number"),
        ("[1, 2]", "not a JSON object"),
    ])
    func malformedRowNamesFileAndLine(row: String, expected: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try write([rows[0], "", row, rows[1]], to: "bad.jsonl", in: folder)
        let reader = try StackJSONLReader(path: path)
        #expect(try reader.next() != nil)
        let error = #expect(throws: CorpusError.self) { try reader.next() }
        #expect(error?.reason == .malformedRow)
        #expect(error?.line == 3)
        #expect(error?.path == path)
        #expect(error?.description.contains("bad.jsonl:3: malformed row") == true)
        #expect(error?.detail.contains(expected) == true)
    }

    @Test func skipBadCountsAndReports() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try write([rows[0], "{oops", rows[1], "{\"content\": null}", rows[2]], to: "bad.jsonl", in: folder)
        let reader = try StackJSONLReader(path: path, options: .init(skipBad: true))
        let documents = try readAll(reader)
        #expect(documents.count == 3)
        #expect(reader.summary.skipped[.badRow] == 2)
        #expect(reader.summary.badRowSamples.map(\.line) == [2, 4])
    }

    @Test func truncatedLastLineIsAnError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let cut = String(rows[1].prefix(30))
        try folder.write("cut.jsonl", rows[0] + "\n" + cut)
        let error = #expect(throws: CorpusError.self) { try readAll(try StackJSONLReader(path: folder.path("cut.jsonl"))) }
        #expect(error?.line == 2)
        #expect(error?.detail.contains("truncated") == true)
    }

    @Test func lastLineWithoutNewlineIsFine() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("last.jsonl", rows.joined(separator: "\r\n"))
        checkRows(try readAll(try StackJSONLReader(path: folder.path("last.jsonl"))))
    }

    @Test(arguments: ["gzip", "zstd"])
    func truncatedCompressedFileIsAnError(tool: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // Enough varied rows that the compressed stream is long, then cut it in half.
        let many = (0..<400).map { stackRow(content: "value_\($0) = \($0 * 7919)\n", path: "f\($0).py") }
        let plain = try write(many, to: "data.jsonl", in: folder)
        try runTool(tool, ["-q", plain])
        let compressed = URL(fileURLWithPath: plain + (tool == "gzip" ? ".gz" : ".zst"))
        let data = try Data(contentsOf: compressed)
        try data.prefix(data.count / 2).write(to: compressed)
        let error = #expect(throws: CorpusError.self) { try readAll(try StackJSONLReader(path: compressed.path)) }
        #expect(error?.reason == .truncatedInput || error?.reason == .malformedRow)
        #expect(error?.line != nil)
    }

    @Test func corruptCompressedDataIsAnError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("bad.jsonl.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x03, 0xFF, 0xEE]))
        let error = #expect(throws: CorpusError.self) { try readAll(try StackJSONLReader(path: folder.path("bad.jsonl.gz"))) }
        #expect(error?.reason == .corruptCompression || error?.reason == .truncatedInput)
    }

    @Test func multiMegabyteLine() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let big = String(repeating: "x = 'abcdefghijklmnopqrstuvwxyz'\n", count: 150_000)  // ~4.8 MB
        let plain = try write([rows[0], stackRow(content: big, path: "big.py"), rows[2]], to: "big.jsonl", in: folder)
        try runTool("zstd", ["-q", plain])
        for path in [plain, plain + ".zst"] {
            let documents = try readAll(try StackJSONLReader(path: path, options: .init(chunkSize: 64 << 10)))
            #expect(documents.count == 3)
            #expect(documents[1].bytes.count == big.utf8.count)
        }
        let limited = try StackJSONLReader(path: plain, options: .init(maxLineLength: 1 << 20))
        let error = #expect(throws: CorpusError.self) { try readAll(limited) }
        #expect(error?.reason == .lineTooLong)
        #expect(error?.line == 2)
    }

    @Test func missingOptionalColumnsHaveFallbacks() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("bare.jsonl", "{\"content\": \"let x = 1;\", \"lang\": \"JavaScript\"}\n")
        let document = try #require(try readAll(try StackJSONLReader(path: folder.path("bare.jsonl"))).first)
        #expect(document.repository.name == "jsonl:bare.jsonl")
        #expect(document.path == "line-1")
        #expect(document.language == .javascript)
        #expect(document.repository.license == .unknown)
        #expect(document.repository.licenseOrigin == .none)
    }

    @Test func emptyFileYieldsNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("empty.jsonl", "")
        #expect(try readAll(try StackJSONLReader(path: folder.path("empty.jsonl"))).isEmpty)
        #expect(throws: CorpusError.self) { try StackJSONLReader(path: folder.path("missing.jsonl")) }
    }
}
