import Fingerprinting
import Foundation
import GRDB
import ProvenanceCore

/// Writes an index: a fresh build (into a partial file, renamed when complete) or an
/// update of a complete index in place (`add`, `remove`).
///
/// Every batch of files is one transaction, and a source (an input file, folder or
/// archive) is marked complete in the same transaction as its last batch, so a build
/// killed at any moment is either resumed — unfinished sources are purged and read
/// again — or, for a file that was never finished, refused by `IndexReader`.
///
/// ```swift
/// let writer = try IndexWriter.build(at: "Index/default.sqlite", parameters: .default)
/// let source = try writer.beginSource("flask-3.1.0.tar.gz")
/// try writer.write(files, repo: repo, source: source)
/// try writer.finishSource(source, skipped: 0)
/// try writer.finish()
/// ```
public final class IndexWriter {
    /// Whether this writer builds a new index or updates a complete one.
    public enum Mode: Sendable { case build, update }

    /// Where new fingerprints go until `finish()`.
    ///
    /// Builds stage them; `direct` exists so `index-bench load` can measure what staging
    /// saves (Benchmarks/README.md), and is what updates of a complete index do.
    package enum FingerprintLoading: Sendable {
        /// Appended to the unindexed `fingerprints_staging` table, moved into `fingerprints`
        /// in key order by `finish()`: one sorted bulk insert instead of random B-tree inserts.
        case staged
        /// Inserted straight into the clustered `fingerprints` table.
        case direct
    }

    /// The index's final path.
    public let path: String
    /// The file being written: `path` + `.building` for builds, `path` for updates.
    public let workingPath: String
    public let mode: Mode
    /// What the index was built with; updates reuse it.
    public let metadata: IndexMetadata
    /// Fingerprints for this index's parameters (for re-deriving what to delete).
    public let fingerprinter: Fingerprinter
    /// Decided when the file is created and kept by a resumed build (the staging table says which).
    ///
    /// Invariant: while it is `staged`, the `fingerprints` table is empty.
    package let loading: FingerprintLoading
    let database: DatabaseQueue

    private init(
        path: String, workingPath: String, mode: Mode, metadata: IndexMetadata, loading: FingerprintLoading,
        database: DatabaseQueue
    ) {
        self.path = path
        self.workingPath = workingPath
        self.mode = mode
        self.metadata = metadata
        self.loading = loading
        self.database = database
        fingerprinter = Fingerprinter(parameters: metadata.parameters)
    }

    // MARK: - Opening

    /// Starts a new index at `path`, or resumes the interrupted build of one.
    public static func build(
        at path: String, parameters: FingerprintParameters = .default, commonCap: Int = 25
    ) throws -> IndexWriter {
        try build(at: path, parameters: parameters, commonCap: commonCap, loading: .staged)
    }

    /// `build(at:parameters:commonCap:)` with a choice of fingerprint loading, for the benchmark
    /// that compares them; a resumed build keeps the loading it was started with.
    package static func build(
        at path: String, parameters: FingerprintParameters, commonCap: Int, loading: FingerprintLoading
    ) throws -> IndexWriter {
        if FileManager.default.fileExists(atPath: path) { throw IndexError.alreadyExists(path: path) }
        let partial = path + IndexFormat.partialSuffix
        let resuming = FileManager.default.fileExists(atPath: partial)
        let database = try open(partial, operation: resuming ? "resume the build" : "create the index")
        let bands = LSHBands(threshold: parameters.jaccardThreshold, permutations: parameters.permutations, seed: parameters.seed)
        let fresh = IndexMetadata(
            parameters: parameters, bands: bands.bands, rows: bands.rows, commonCap: commonCap, state: "building",
            created: IndexMetadata.now(), updated: IndexMetadata.now(),
            lexerVersion: IndexFormat.lexerVersion, normalizationVersion: IndexFormat.normalizationVersion)
        let (metadata, kept) = try guarded(partial, "prepare the build") {
            try database.write { db -> (IndexMetadata, FingerprintLoading) in
                guard resuming else {
                    try IndexSchema.create(db)
                    if loading == .staged { try db.execute(sql: IndexSchema.staging) }
                    try fresh.write(db)
                    return (fresh, loading)
                }
                try IndexReader.checkIdentity(db, path: partial)
                let existing = try IndexMetadata.read(db)
                guard existing.parameters == parameters, existing.commonCap == commonCap else {
                    throw IndexError.cannotResume(path: path, reason: "it was started with other fingerprint parameters")
                }
                guard existing.lexerVersion == fresh.lexerVersion, existing.normalizationVersion == fresh.normalizationVersion else {
                    throw IndexError.cannotResume(path: path, reason: "it was started by a build with other lexers")
                }
                // Without a staging table (a direct build, or a killed `finish()` that had already
                // moved the fingerprints) staging again would break the invariant of `loading`.
                return (existing, try db.tableExists("fingerprints_staging") ? .staged : .direct)
            }
        }
        return IndexWriter(
            path: path, workingPath: partial, mode: .build, metadata: metadata, loading: kept, database: database)
    }

    /// Opens a complete index to add or remove sources in place; readers keep their snapshot meanwhile.
    public static func update(at path: String) throws -> IndexWriter {
        _ = try IndexReader(path: path)  // refuses missing, foreign, old-format and incomplete files
        let database = try open(path, operation: "open the index for writing")
        let metadata = try guarded(path, "read metadata") { try database.read { try IndexMetadata.read($0) } }
        return IndexWriter(
            path: path, workingPath: path, mode: .update, metadata: metadata, loading: .direct, database: database)
    }

    private static func open(_ path: String, operation: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
        }
        return try guarded(path, operation) { try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Runs `body`, turning SQLite errors into `IndexError.database` naming the file and the operation.
    static func guarded<T>(_ path: String, _ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                throw IndexError.notAnIndex(path: path, reason: "not an SQLite database")
            }
            throw IndexError.database(path: path, operation: operation, message: error.message ?? "\(error.resultCode)")
        }
    }
}
