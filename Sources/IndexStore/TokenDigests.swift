import CodeLexing
import Dispatch
import Fingerprinting
import GRDB
import GRDBSQLite
import ProvenanceCore

/// Every stored content's tokens as two-byte digests, a byte of each view's symbol: what a
/// server keeps in memory to tell, without reading or lexing a candidate file, that it
/// cannot share a reportable run with a query (`SpanBound` in Matching).
///
/// Two tokens equal in a view have equal bytes for that view, so runs of equal digests
/// contain the runs of equal tokens: a bound from digests is never too short. Unequal
/// tokens have equal bytes one time in 256, which lengthens a bound by a token now and then.
///
/// Most candidates a query verifies share only chance k-grams with it (on the default
/// index, 35 of 2,136 verified for 200 benchmark snippets gave a reportable span), and
/// reading, decompressing and lexing their windows was a third of a server's work.
/// The default index's 21 million tokens take 42 MB.
public struct TokenDigests: Sendable {
    private let digests: [UInt16]
    private let ranges: [Int64: Range<Int>]

    /// The digest of a token from its exact and normalized symbols.
    @inline(__always)
    public static func digest(exact: UInt64, normalized: UInt64) -> UInt16 {
        UInt16(truncatingIfNeeded: normalized) << 8 | UInt16(truncatingIfNeeded: exact) & 0xFF
    }

    /// Whether two digests may be of tokens equal in some view (`SpanAligner`'s equality).
    @inline(__always)
    public static func mayBeEqual(_ a: UInt16, _ b: UInt16) -> Bool {
        let difference = a ^ b
        return difference & 0xFF00 == 0 || difference & 0x00FF == 0
    }

    /// The digests of the stored content `contentID`'s tokens, in file order; nil when it
    /// was not stored when the digests were taken.
    public func digests(of contentID: Int64) -> ArraySlice<UInt16>? {
        ranges[contentID].map { digests[$0] }
    }

    /// The digests of every content in the snapshot `db`: the compressed contents are read
    /// in batches of about `batchBytes` (so memory stays bounded for any corpus), each batch
    /// decompressed and lexed on every core.
    static func build(_ db: Database, hasher: TokenHasher, batchBytes: Int = 32 << 20) throws -> TokenDigests {
        // Token counts first (no blob is read), to place every content's digests.
        var ranges: [Int64: Range<Int>] = [:]
        var total = 0
        try db.forEachRow(db.makeStatement(sql: "SELECT id, tokens FROM contents ORDER BY id")) { row in
            let tokens = max(0, Int(sqlite3_column_int64(row, 1)))
            ranges[sqlite3_column_int64(row, 0)] = total..<(total + tokens)
            total += tokens
        }
        var digests = [UInt16](repeating: 0, count: total)
        var damaged: [Int64] = []
        var batch: [StoredBlob] = []
        var batchSize = 0
        func flush() {
            damaged += digests.withUnsafeMutableBufferPointer { Self.fill($0, from: batch, ranges: ranges, hasher: hasher) }
            batch.removeAll(keepingCapacity: true)
            batchSize = 0
        }
        try db.forEachRow(db.makeStatement(sql: "SELECT id, language, size, data FROM contents ORDER BY id")) { row in
            let data = SQLiteRow.blob(row, 3)
            batch.append(StoredBlob(
                id: sqlite3_column_int64(row, 0), language: SQLiteRow.language(row, 1), size: Int(sqlite3_column_int64(row, 2)),
                data: Array(data)))
            batchSize += data.count
            if batchSize >= batchBytes { flush() }
        }
        flush()
        // A content whose bytes do not lex to its recorded tokens gets no digests: its
        // candidates are verified in full, where the damage is reported.
        for id in damaged { ranges[id] = nil }
        return TokenDigests(digests: digests, ranges: ranges)
    }

    /// One stored content's compressed bytes, as read for `build`.
    private struct StoredBlob: Sendable {
        var id: Int64
        var language: Language
        var size: Int
        var data: [UInt8]
    }

    /// Writes the digests of `batch` into `out` at their `ranges`, on every core; returns
    /// the ids of those that could not be (damaged, or of another token count).
    private static func fill(
        _ out: UnsafeMutableBufferPointer<UInt16>, from batch: [StoredBlob], ranges: [Int64: Range<Int>], hasher: TokenHasher
    ) -> [Int64] {
        var failed = [Bool](repeating: false, count: batch.count)
        failed.withUnsafeMutableBufferPointer { failed in
            // Each content has its own range of `out` and its own flag: the workers share no element.
            nonisolated(unsafe) let out = out, failed = failed
            let workers = min(batch.count, 64)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: batch.count, by: workers) {
                    let content = batch[index]
                    guard let range = ranges[content.id], let bytes = ContentCompression.decompress(content.data, size: content.size) else {
                        failed[index] = true
                        continue
                    }
                    let tokens = bytes.withUnsafeBufferPointer { content.language.lexer.tokens(in: $0) }
                    guard tokens.count == range.count else {
                        failed[index] = true
                        continue
                    }
                    let exact = bytes.withUnsafeBufferPointer { hasher.symbols(of: tokens, in: $0, view: .exact) }
                    let normalized = hasher.normalizedSymbols(of: tokens, exact: exact)
                    for position in exact.indices {
                        out[range.lowerBound + position] = digest(exact: exact[position], normalized: normalized[position])
                    }
                }
            }
        }
        return batch.indices.filter { failed[$0] }.map { batch[$0].id }
    }
}
