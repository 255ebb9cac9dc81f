import CodeLexing
import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// A reader's resident `FingerprintFilter` and the index generation it was built from.
final class ResidentFingerprintFilter: Sendable {
    struct State {
        var generation = -1
        var filter: FingerprintFilter?
        var building = false
    }

    let state = Mutex(State())
}

extension IndexReader {
    /// The filter for the snapshot `db` reads, or nil: when the reader keeps none, or when
    /// the index has changed since it was built. A rebuild from a newer snapshot starts
    /// then, in the background; lookups probe every hash until it is done.
    func fingerprintFilter(in db: Database) -> FingerprintFilter? {
        guard let resident = residentFilter, let generation = try? IndexMetadata.generation(db) else { return nil }
        let (filter, rebuild) = resident.state.withLock { state -> (FingerprintFilter?, Bool) in
            if state.generation == generation { return (state.filter, false) }
            let start = !state.building
            state.building = true
            return (nil, start)
        }
        if rebuild {
            DispatchQueue.global(qos: .utility).async {
                let built = try? self.read("build the fingerprint filter", Self.buildFingerprintFilter)
                resident.state.withLock { state in
                    if let built, built.generation > state.generation { (state.generation, state.filter) = built }
                    state.building = false
                }
            }
        }
        return filter
    }

    /// A filter of every fingerprint in the snapshot `db`, with the snapshot's generation.
    static func buildFingerprintFilter(_ db: Database) throws -> (generation: Int, filter: FingerprintFilter) {
        let generation = try IndexMetadata.generation(db)
        // ANALYZE's row count (every finished build has it), else a count.
        let analyzed = try db.tableExists("sqlite_stat1")
            ? Int.fetchOne(db, sql: "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'fingerprints' LIMIT 1") : nil
        let rows = try analyzed ?? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fingerprints") ?? 0
        var filter = FingerprintFilter(capacity: rows)
        try db.forEachRow(db.makeStatement(sql: "SELECT hash, view FROM fingerprints")) { row in
            guard let view = TokenView(rawValue: UInt8(truncatingIfNeeded: sqlite3_column_int64(row, 1))) else { return }
            filter.insert(UInt64(bitPattern: sqlite3_column_int64(row, 0)), view: view)
        }
        return (generation, filter)
    }
}

extension IndexReader {
    /// The index generation the resident filter was built from (nil: none kept yet).
    var residentFilterGeneration: Int? {
        residentFilter?.state.withLock { state in state.filter == nil ? nil : state.generation }
    }
}
