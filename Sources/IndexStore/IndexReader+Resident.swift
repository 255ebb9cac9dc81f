import CodeLexing
import Dispatch
import Fingerprinting
import GRDB
import Synchronization

/// What a reader opened with `resident` keeps in memory, and the index generation it was built from.
final class ResidentTables: Sendable {
    /// The tables of one index generation, built from one snapshot.
    struct Tables: Sendable {
        var generation: Int
        var lookups: ResidentLookups
        var digests: TokenDigests
    }

    struct State {
        var tables: Tables?
        var building = false
    }

    let state = Mutex(State())
}

extension IndexReader {
    /// The resident tables for the snapshot `db`, or nil: when the reader keeps none, or
    /// when the index has changed since they were built. A rebuild from a newer snapshot
    /// starts then, in the background; queries read SQLite and verify every candidate in
    /// full until it is done.
    func residentTables(in db: Database) -> ResidentTables.Tables? {
        guard let resident, let generation = try? IndexMetadata.generation(db) else { return nil }
        let (tables, rebuild) = resident.state.withLock { state -> (ResidentTables.Tables?, Bool) in
            if let tables = state.tables, tables.generation == generation { return (tables, false) }
            let start = !state.building
            state.building = true
            return (nil, start)
        }
        if rebuild {
            DispatchQueue.global(qos: .utility).async {
                let built = try? self.read("build the resident tables", self.buildResidentTables)
                resident.state.withLock { state in
                    if let built, built.generation > state.tables?.generation ?? -1 { state.tables = built }
                    state.building = false
                }
            }
        }
        return tables
    }

    /// The lookup tables and the token digests of the snapshot `db`, with its generation.
    func buildResidentTables(_ db: Database) throws -> ResidentTables.Tables {
        ResidentTables.Tables(
            generation: try IndexMetadata.generation(db),
            lookups: try ResidentLookups.build(db, path: path, bands: fingerprinter.bands.bands),
            digests: try TokenDigests.build(db, hasher: fingerprinter.tokenHasher))
    }
}

extension IndexReader {
    /// The index generation the resident tables were built from (nil: none kept yet).
    var residentGeneration: Int? {
        resident?.state.withLock { $0.tables?.generation }
    }
}
