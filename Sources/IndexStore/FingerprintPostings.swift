import CodeLexing
import GRDB
import GRDBSQLite

/// Every stored fingerprint in memory, by view: the table a server's lookups read instead
/// of SQLite's B-tree.
///
/// A query hashes every one of its k-grams and looks them all up; a B-tree probe cost 2–3 µs,
/// and a 50-line snippet makes ~770 of them (both views), plus the thousands of rows the
/// shared-shape lookup reads for common shapes. Here a lookup is a directory slot and a
/// short scan of one cache line or two.
///
/// The rows are kept in the table's key order (hash as a signed integer, then content and
/// position), so lookups return hits in the order SQLite does. 16 bytes a fingerprint plus
/// the directories: 76 MB for the default index's 3.9 million.
struct FingerprintPostings: Sendable {
    /// One view's fingerprints, sorted by `key`.
    struct View: Sendable {
        /// The hash with its sign bit flipped: unsigned order is the table's signed order.
        var keys: [UInt64] = []
        var contents: [UInt32] = []
        var positions: [Int32] = []
        /// `directory[d]` is the first row whose key's top `bits` bits are at least `d`.
        var directory: [UInt32] = []
        var bits = 0

        mutating func append(hash: Int64, content: UInt32, position: Int32) {
            keys.append(Self.key(hash))
            contents.append(content)
            positions.append(position)
        }

        static func key(_ hash: Int64) -> UInt64 { UInt64(bitPattern: hash) ^ (1 << 63) }

        /// Indexes the rows by their keys' top bits, about one row a slot.
        mutating func finish() {
            bits = max(1, min(24, Int.bitWidth - (max(keys.count, 1) - 1).leadingZeroBitCount))
            directory = [UInt32](repeating: 0, count: (1 << bits) + 1)
            var row = 0
            for slot in 0...(1 << bits) {
                while row < keys.count, Int(keys[row] >> (64 - bits)) < slot { row += 1 }
                directory[slot] = UInt32(row)
            }
        }

        /// The rows of `hash`.
        func rows(of hash: UInt64) -> Range<Int> {
            let key = Self.key(Int64(bitPattern: hash)), slot = Int(key >> (64 - bits))
            var row = Int(directory[slot])
            let end = Int(directory[slot + 1])
            while row < end, keys[row] < key { row += 1 }
            var last = row
            while last < end, keys[last] == key { last += 1 }
            return row..<last
        }
    }

    private let views: [View]

    /// Every stored fingerprint equal to one of `hashes` in `view`, in the table's order.
    func hits(for hashes: Set<UInt64>, view: TokenView) -> [FingerprintHit] {
        let table = views[Int(view.rawValue)]
        var hits: [FingerprintHit] = []
        for hash in hashes.sorted(by: { Int64(bitPattern: $0) < Int64(bitPattern: $1) }) {
            for row in table.rows(of: hash) {
                hits.append(FingerprintHit(hash: hash, contentID: Int64(table.contents[row]), position: table.positions[row]))
            }
        }
        return hits
    }

    /// The fingerprints of the snapshot `db`, read in key order.
    static func build(_ db: Database, path: String) throws -> FingerprintPostings {
        var views = Array(repeating: View(), count: TokenView.allCases.count)
        // ANALYZE's row count (every finished build has it) reserves room for them.
        let analyzed = try db.tableExists("sqlite_stat1")
            ? Int.fetchOne(db, sql: "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'fingerprints' LIMIT 1") : nil
        for index in views.indices {
            let share = (analyzed ?? 0) / views.count + 1024
            views[index].keys.reserveCapacity(share)
            views[index].contents.reserveCapacity(share)
            views[index].positions.reserveCapacity(share)
        }
        var outOfRange: Int64?
        try db.forEachRow(db.makeStatement(sql: "SELECT hash, view, content_id, position FROM fingerprints")) { row in
            let view = Int(sqlite3_column_int64(row, 1)), content = sqlite3_column_int64(row, 2)
            guard views.indices.contains(view) else { return }
            guard let compact = UInt32(exactly: content) else {
                outOfRange = content
                return
            }
            views[view].append(
                hash: sqlite3_column_int64(row, 0), content: compact,
                position: Int32(truncatingIfNeeded: sqlite3_column_int64(row, 3)))
        }
        if let outOfRange {
            throw IndexError.database(
                path: path, operation: "keep the fingerprints in memory",
                message: "content id \(outOfRange) does not fit in 32 bits")
        }
        for index in views.indices { views[index].finish() }
        return FingerprintPostings(views: views)
    }
}
