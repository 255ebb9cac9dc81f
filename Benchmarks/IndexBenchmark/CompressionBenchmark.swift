import CZstd
import CodeLexing
import Foundation
import GRDB
import ProvenanceCore

/// What storing `contents.data` zstd-compressed would cost and save, over a real index.
///
/// For raw bytes and each zstd level (and level 3 with a dictionary trained on the
/// corpus), it writes the contents into a table shaped like `contents` in a fresh
/// database and reports the table's size (SQLite's dbstat) and the compression time;
/// then, over a random sample of ids, what the query path pays per candidate file:
/// fetching the row by id, and decompressing it (p50, p99 and mean per file). Lexing
/// the same files, which verification does next, is timed once for scale.
struct CompressionBenchmark {
    let database: String
    let levels: [Int32]
    let sample: Int

    /// One way of storing the bytes.
    struct Codec {
        var name: String
        var compress: ([UInt8]) -> [UInt8]
        var decompress: ([UInt8], Int) -> [UInt8]
        /// Bytes stored once besides the rows (a dictionary).
        var overhead = 0
    }

    func run() throws {
        let contents = try readContents()
        let total = contents.reduce(0) { $0 + $1.bytes.count }
        let sizes = contents.map(\.bytes.count).sorted()
        print(String(format: "%d contents, %.1f MB; size p50 %d B, p90 %d B, max %d B; zstd %@; sample %d files",
                     contents.count, Double(total) / 1e6, sizes[sizes.count / 2], sizes[sizes.count * 9 / 10],
                     sizes.last ?? 0, String(cString: ZSTD_versionString()), sample))
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<sample).map { _ in Int.random(in: 1...contents.count, using: &generator) }
        let lexing = Timings(ids.map { id in
            let start = ContinuousClock.now
            let count = contents[id - 1].bytes.withUnsafeBufferPointer { contents[id - 1].language.lexer.tokens(in: $0).count }
            precondition(count >= 0)
            return seconds(ContinuousClock.now - start) * 1e6
        })
        print("lexing a sampled file (for scale): \(lexing)")
        print("codec         table MB  ratio  compress s  fetch µs mean  decompress µs p50 / p99 / mean   MB/s")
        var codecs = [Codec(name: "raw", compress: { $0 }, decompress: { bytes, _ in bytes })]
        codecs += levels.map(Self.zstd)
        codecs.append(try Self.dictionary(trainedOn: contents.map(\.bytes), level: 3))
        for codec in codecs {
            try measure(codec, contents: contents.map(\.bytes), ids: ids)
        }
    }

    /// Per-file times in microseconds, summarised.
    struct Timings: CustomStringConvertible {
        let sorted: [Double]
        init(_ times: [Double]) { sorted = times.sorted() }
        var mean: Double { sorted.reduce(0, +) / Double(max(sorted.count, 1)) }
        var p50: Double { sorted[sorted.count / 2] }
        var p99: Double { sorted[sorted.count * 99 / 100] }
        var description: String { String(format: "p50 %.1f µs, p99 %.1f µs, mean %.1f µs", p50, p99, mean) }
    }

    private func readContents() throws -> [(language: Language, bytes: [UInt8])] {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: database, configuration: configuration).read { db in
            try Row.fetchAll(db, sql: "SELECT language, data FROM contents ORDER BY id").map { row in
                (Language(rawValue: row["language"]) ?? .other, [UInt8](row["data"] as Data))
            }
        }
    }

    private func measure(_ codec: Codec, contents: [[UInt8]], ids: [Int]) throws {
        let clock = ContinuousClock()
        var stored: [[UInt8]] = []
        let compression = clock.measure { stored = contents.map(codec.compress) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("contents.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE contents (id INTEGER PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL)")
            let insert = try db.makeStatement(sql: "INSERT INTO contents(id, size, data) VALUES (?, ?, ?)")
            for (index, (original, bytes)) in zip(contents, stored).enumerated() {
                try insert.execute(arguments: [index + 1, original.count, Data(bytes)])
            }
        }
        let tableBytes = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT SUM(pgsize) FROM dbstat WHERE name = 'contents'") ?? 0
        } + codec.overhead
        var (fetches, decompressions, sampledBytes) = ([Double](), [Double](), 0)
        try queue.read { db in
            let select = try db.makeStatement(sql: "SELECT size, data FROM contents WHERE id = ?")
            for id in ids {
                let start = clock.now
                guard let row = try Row.fetchOne(select, arguments: [id]) else { continue }
                let (data, size): (Data, Int) = (row["data"], row["size"])
                let fetched = clock.now
                let bytes = codec.decompress([UInt8](data), size)
                decompressions.append(seconds(clock.now - fetched) * 1e6)
                fetches.append(seconds(fetched - start) * 1e6)
                sampledBytes += size
                precondition(bytes == contents[id - 1], "\(codec.name) did not give content \(id) back")
            }
        }
        let (fetch, decompress) = (Timings(fetches), Timings(decompressions))
        print(String(format: "%@ %8.1f  %5.2f  %10.2f  %13.1f  %13.1f / %5.1f / %5.1f  %6.0f",
                     codec.name.padding(toLength: 12, withPad: " ", startingAt: 0), Double(tableBytes) / 1e6,
                     Double(contents.reduce(0) { $0 + $1.count }) / Double(tableBytes), seconds(compression),
                     fetch.mean, decompress.p50, decompress.p99, decompress.mean,
                     Double(sampledBytes) / (decompress.mean * Double(decompressions.count))))
    }

    // MARK: - zstd

    /// Plain zstd at `level`, with one compression and one decompression context reused
    /// for every file, as a reader would keep per thread.
    static func zstd(level: Int32) -> Codec {
        nonisolated(unsafe) let compressor = ZSTD_createCCtx()
        nonisolated(unsafe) let decompressor = ZSTD_createDCtx()
        return Codec(
            name: "zstd -\(level)",
            compress: { bytes in
                compressed(bytes) { out, capacity in ZSTD_compressCCtx(compressor, out, capacity, bytes, bytes.count, level) }
            },
            decompress: { bytes, size in
                decompressed(size) { out in ZSTD_decompressDCtx(decompressor, out, size, bytes, bytes.count) }
            })
    }

    /// Level `level` with a 110 KB dictionary trained on every tenth content.
    static func dictionary(trainedOn contents: [[UInt8]], level: Int32) throws -> Codec {
        let samples = stride(from: 0, to: contents.count, by: 10).map { contents[$0] }
        let joined = samples.flatMap { $0 }
        var dictionary = [UInt8](repeating: 0, count: 112_640)
        let length = ZDICT_trainFromBuffer(&dictionary, dictionary.count, joined, samples.map(\.count), UInt32(samples.count))
        guard ZDICT_isError(length) == 0 else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: String(cString: ZDICT_getErrorName(length))])
        }
        let compressionDictionary = ZSTD_createCDict(dictionary, length, level)
        let decompressionDictionary = ZSTD_createDDict(dictionary, length)
        nonisolated(unsafe) let compressor = ZSTD_createCCtx()
        nonisolated(unsafe) let decompressor = ZSTD_createDCtx()
        return Codec(
            name: "zstd -\(level)+dict",
            compress: { bytes in
                compressed(bytes) { out, capacity in
                    ZSTD_compress_usingCDict(compressor, out, capacity, bytes, bytes.count, compressionDictionary)
                }
            },
            decompress: { bytes, size in
                decompressed(size) { out in
                    ZSTD_decompress_usingDDict(decompressor, out, size, bytes, bytes.count, decompressionDictionary)
                }
            },
            overhead: length)
    }

    private static func compressed(_ bytes: [UInt8], _ body: (UnsafeMutableRawPointer, Int) -> Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let written = out.withUnsafeMutableBytes { body($0.baseAddress!, $0.count) }
        precondition(ZSTD_isError(written) == 0, String(cString: ZSTD_getErrorName(written)))
        out.removeSubrange(written...)
        return out
    }

    private static func decompressed(_ size: Int, _ body: (UnsafeMutableRawPointer) -> Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(size, 1))
        let written = out.withUnsafeMutableBytes { body($0.baseAddress!) }
        precondition(ZSTD_isError(written) == 0 && written == size, "decompression failed")
        out.removeSubrange(size...)
        return out
    }
}
