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
    /// in the snapshot, then decompressed and lexed on every core.
    static func build(_ db: Database, hasher: TokenHasher) throws -> TokenDigests {
        var stored: [(id: Int64, language: Language, size: Int, tokens: Int, data: [UInt8])] = []
        try db.forEachRow(db.makeStatement(sql: "SELECT id, language, size, tokens, data FROM contents ORDER BY id")) { row in
            let language = sqlite3_column_text(row, 1).map { Language(rawValue: String(cString: $0)) ?? .other } ?? .other
            let data = UnsafeRawBufferPointer(start: sqlite3_column_blob(row, 4), count: Int(sqlite3_column_bytes(row, 4)))
            stored.append((sqlite3_column_int64(row, 0), language, Int(sqlite3_column_int64(row, 2)),
                           Int(sqlite3_column_int64(row, 3)), Array(data)))
        }
        let contents = stored
        var ranges: [Int64: Range<Int>] = [:]
        var total = 0
        for content in contents {
            ranges[content.id] = total..<(total + content.tokens)
            total += content.tokens
        }
        var digests = [UInt16](repeating: 0, count: total)
        var damaged = [Bool](repeating: false, count: contents.count)
        let chunks = min(contents.count, 64)
        let starts = ranges
        digests.withUnsafeMutableBufferPointer { out in
            damaged.withUnsafeMutableBufferPointer { damaged in
                // Disjoint ranges of `out` and `damaged` per content: the chunks share no element.
                nonisolated(unsafe) let out = out, damaged = damaged
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for index in stride(from: chunk, to: contents.count, by: chunks) {
                        let content = contents[index]
                        guard let bytes = ContentCompression.decompress(content.data, size: content.size) else {
                            damaged[index] = true
                            continue
                        }
                        let tokens = bytes.withUnsafeBufferPointer { content.language.lexer.tokens(in: $0) }
                        guard tokens.count == content.tokens else {
                            damaged[index] = true
                            continue
                        }
                        let exact = bytes.withUnsafeBufferPointer { hasher.symbols(of: tokens, in: $0, view: .exact) }
                        let normalized = hasher.normalizedSymbols(of: tokens, exact: exact)
                        let start = starts[content.id]!.lowerBound
                        for position in exact.indices {
                            out[start + position] = digest(exact: exact[position], normalized: normalized[position])
                        }
                    }
                }
            }
        }
        // A content whose bytes do not lex to its recorded tokens gets no digests: its
        // candidates are verified in full, where the damage is reported.
        for (index, content) in contents.enumerated() where damaged[index] { ranges[content.id] = nil }
        return TokenDigests(digests: digests, ranges: ranges)
    }
}
