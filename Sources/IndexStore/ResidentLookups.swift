import Algorithms
import CodeLexing
import GRDB
import GRDBSQLite

/// The index's lookup tables in memory: every stored fingerprint by view, the LSH buckets
/// and the name postings, which a server's lookups read instead of SQLite's B-trees.
///
/// A query hashes every one of its k-grams and looks them all up; a B-tree probe cost 2–3 µs,
/// and a 50-line snippet makes ~770 of them (both views), plus the thousands of rows the
/// shared-shape lookup reads for common shapes, 17 LSH probes and a name lookup. Here a
/// lookup is a directory slot and a cache line or two (`PostingTable`).
///
/// Lookups return rows in the order SQLite does. 16 bytes a fingerprint, 8 a bucket or
/// name posting, plus the directories: about 100 MB for the default index's 3.9 million
/// fingerprints, 0.26 million buckets and 1.2 million name postings.
struct ResidentLookups: Sendable {
    private let fingerprints: [PostingTable]
    private let buckets: [PostingTable]
    private let names: PostingTable

    /// Every stored fingerprint equal to one of `hashes` (repeats allowed) in `view`, in the table's order.
    func hits(for hashes: [UInt64], view: TokenView) -> [FingerprintHit] {
        let table = fingerprints[Int(view.rawValue)]
        // Most of a query's hashes are not stored: only the few found are sorted and deduplicated.
        var found: [(hash: UInt64, rows: Range<Int>)] = []
        for hash in hashes {
            let rows = table.rows(of: hash)
            if !rows.isEmpty { found.append((hash, rows)) }
        }
        found.sort { Int64(bitPattern: $0.hash) < Int64(bitPattern: $1.hash) }
        var hits: [FingerprintHit] = []
        for (index, (hash, rows)) in found.enumerated() where index == 0 || found[index - 1].hash != hash {
            for row in rows {
                hits.append(FingerprintHit(hash: hash, contentID: Int64(table.contents[row]), position: table.positions[row]))
            }
        }
        return hits
    }

    /// How many rows each of `hashes` has in `view`, for those stored.
    func hitCounts(for hashes: [UInt64], view: TokenView) -> [UInt64: Int] {
        let table = fingerprints[Int(view.rawValue)]
        var counts: [UInt64: Int] = [:]
        for hash in hashes {
            let rows = table.rows(of: hash)
            if !rows.isEmpty { counts[hash] = rows.count }
        }
        return counts
    }

    /// Those of `hashes` stored in `view` for `content`, in the table's order.
    func hits(for hashes: Set<UInt64>, view: TokenView, in content: Int64) -> [FingerprintHit] {
        let table = fingerprints[Int(view.rawValue)]
        guard let content = UInt32(exactly: content) else { return [] }
        var hits: [FingerprintHit] = []
        for hash in hashes.sorted(by: { Int64(bitPattern: $0) < Int64(bitPattern: $1) }) {
            // A common hash has thousands of rows, sorted by content: search them.
            let rows = table.rows(of: hash)
            let first = table.contents[rows].partitioningIndex { $0 >= content }
            for row in first..<rows.upperBound {
                guard table.contents[row] == content else { break }
                hits.append(FingerprintHit(hash: hash, contentID: Int64(content), position: table.positions[row]))
            }
        }
        return hits
    }

    /// The contents in LSH bucket `key` of `band`.
    func bucket(band: Int, key: UInt64) -> [Int64] {
        guard buckets.indices.contains(band) else { return [] }
        return buckets[band].rows(of: key).map { Int64(buckets[band].contents[$0]) }
    }

    /// The (name, content) postings of `names`, in the table's order.
    func contents(withNames names: Set<UInt64>) -> [(name: UInt64, contentID: Int64)] {
        var postings: [(name: UInt64, contentID: Int64)] = []
        for name in names.sorted(by: { Int64(bitPattern: $0) < Int64(bitPattern: $1) }) {
            for row in self.names.rows(of: name) { postings.append((name, Int64(self.names.contents[row]))) }
        }
        return postings
    }

    /// The tables of the snapshot `db`, each read in key order.
    static func build(_ db: Database, path: String, bands: Int) throws -> ResidentLookups {
        var outOfRange: Int64?
        func compact(_ content: Int64) -> UInt32? {
            guard let compact = UInt32(exactly: content) else {
                outOfRange = content
                return nil
            }
            return compact
        }
        // ANALYZE's row count (every finished build has it) reserves room for them.
        let analyzed = try db.tableExists("sqlite_stat1")
            ? Int.fetchOne(db, sql: "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'fingerprints' LIMIT 1") : nil
        var fingerprints = TokenView.allCases.map { _ in
            PostingTable(reservingCapacity: (analyzed ?? 0) / TokenView.allCases.count, positions: true)
        }
        try db.forEachRow(db.makeStatement(sql: "SELECT hash, view, content_id, position FROM fingerprints")) { row in
            let view = Int(sqlite3_column_int64(row, 1))
            guard fingerprints.indices.contains(view), let content = compact(sqlite3_column_int64(row, 2)) else { return }
            fingerprints[view].append(
                sqlite3_column_int64(row, 0), content: content, position: Int32(truncatingIfNeeded: sqlite3_column_int64(row, 3)))
        }
        var buckets = Array(repeating: PostingTable(), count: bands)
        try db.forEachRow(db.makeStatement(sql: "SELECT band, key, content_id FROM lsh_buckets")) { row in
            let band = Int(sqlite3_column_int64(row, 0))
            guard buckets.indices.contains(band), let content = compact(sqlite3_column_int64(row, 2)) else { return }
            buckets[band].append(sqlite3_column_int64(row, 1), content: content)
        }
        var names = PostingTable()
        try db.forEachRow(db.makeStatement(sql: "SELECT hash, content_id FROM name_postings")) { row in
            guard let content = compact(sqlite3_column_int64(row, 1)) else { return }
            names.append(sqlite3_column_int64(row, 0), content: content)
        }
        if let outOfRange {
            throw IndexError.database(
                path: path, operation: "keep the lookup tables in memory", message: "content id \(outOfRange) does not fit in 32 bits")
        }
        for index in fingerprints.indices { fingerprints[index].finish() }
        for index in buckets.indices { buckets[index].finish() }
        names.finish()
        return ResidentLookups(fingerprints: fingerprints, buckets: buckets, names: names)
    }
}
