import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import Synchronization

/// Opens a complete index for reading: the CLI, the library and the server share it.
///
/// Readers see a consistent snapshot (WAL) while `index add` or `remove` write.
/// Opening refuses a missing file, a file that is not an index, an index of another
/// format version, and a build that never finished — each with a message that says
/// what to do.
///
/// ```swift
/// let index = try IndexReader(path: "Index/default.sqlite")
/// let stats = try index.statistics()
/// ```
public final class IndexReader: Sendable {
    public let path: String
    public let metadata: IndexMetadata
    /// Fingerprints with the index's own parameters: queries must use this one.
    public let fingerprinter: Fingerprinter
    let database: DatabasePool
    /// The common fingerprints of each view with their content counts, read once at open
    /// when there are at most `residentCommonLimit` (nil: looked up per query instead).
    let residentCommon: [CommonFingerprints]?
    /// Names and strings (exact-view symbols of identifiers and string literals) in more
    /// than one in a hundred stored contents.
    public let commonNames: Set<UInt64>

    /// The lookup tables (fingerprints, LSH buckets, name postings) and every stored token
    /// as a digest: kept by readers opened with `resident` (a server), nil otherwise.
    let resident: ResidentTables?

    /// Common fingerprint tables up to this many rows are kept in memory: a few MB, and
    /// every query asks about each of its k-grams.
    static let residentCommonLimit = 1_000_000

    /// Opens the index at `path`. With `resident`, its lookup tables (`ResidentLookups`) and
    /// a digest of every stored token (`TokenDigests`) are read into memory now (about
    /// 1.5 s and 150 MB for the default index) and kept up to date, so lookups make no
    /// B-tree probes and most chance candidates are never read: worth it for a process that
    /// answers many queries, not for one that checks a few files.
    public init(path: String, resident: Bool = false) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            if FileManager.default.fileExists(atPath: path + IndexFormat.partialSuffix) {
                throw IndexError.incomplete(path: path)
            }
            throw IndexError.missing(path: path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        // A query holds one reader for its whole match: one each for as many as run at once.
        configuration.maximumReaderCount = max(configuration.maximumReaderCount, ProcessInfo.processInfo.activeProcessorCount)
        // Queries read whole stored contents (overflow pages): through a memory map they
        // are copies, not a read(2) per page. Up to 1 GiB of the file is mapped.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        let database = try IndexWriter.guarded(path, "open the index") {
            try DatabasePool(path: path, configuration: configuration)
        }
        self.database = database
        metadata = try IndexWriter.guarded(path, "read the index") {
            try database.read { db in
                try Self.checkIdentity(db, path: path)
                let metadata = try IndexMetadata.read(db)
                guard metadata.state == "complete" else { throw IndexError.incomplete(path: path) }
                return metadata
            }
        }
        fingerprinter = Fingerprinter(parameters: metadata.parameters)
        residentCommon = try IndexWriter.guarded(path, "read common fingerprints") {
            try database.read { db -> [CommonFingerprints]? in
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM common_fingerprints") ?? 0
                guard count <= Self.residentCommonLimit else { return nil }
                var views = Array(repeating: [(hash: UInt64, contents: Int)](), count: TokenView.allCases.count)
                let rows = try Row.fetchCursor(db, sql: "SELECT hash, view, contents FROM common_fingerprints")
                while let row = try rows.next() {
                    let view: Int = row[1]
                    guard views.indices.contains(view) else { continue }
                    views[view].append((UInt64(bitPattern: row[0]), row[2]))
                }
                return views.map(CommonFingerprints.init)
            }
        }
        self.resident = resident ? ResidentTables() : nil
        commonNames = try IndexWriter.guarded(path, "read common names") {
            try database.read { db in
                Set(try Int64.fetchAll(db, sql: "SELECT hash FROM common_names").map { UInt64(bitPattern: $0) })
            }
        }
        if let resident = self.resident {
            let built = try read("build the resident tables", buildResidentTables)
            resident.state.withLock { $0.tables = built }
        }
    }

    /// Checks that `db` is a Provenance index of this build's format.
    static func checkIdentity(_ db: Database, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard applicationID == IndexFormat.applicationID else {
            throw IndexError.notAnIndex(path: path, reason: "an SQLite file written by something else")
        }
        let version = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version == IndexFormat.version else {
            throw IndexError.wrongVersion(path: path, found: version, expected: IndexFormat.version)
        }
    }

    /// Runs a read in one snapshot, naming the index in any error.
    public func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        try IndexWriter.guarded(path, operation) { try database.read(body) }
    }
}
