import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import ProvenanceCore

/// A source (input file, folder or archive) being loaded into an index.
public struct SourceHandle: Sendable, Hashable {
    /// Row id in the `sources` table.
    public let id: Int64
    /// The source was loaded completely by an earlier, interrupted run: skip it.
    public let alreadyLoaded: Bool
}

/// What one `write` call stored.
public struct WriteSummary: Sendable, Equatable {
    /// Files stored.
    public var files = 0
    /// Of those, files whose bytes were already in the index (stored once, listed twice).
    public var deduplicated = 0
    /// Files not stored because the repository already has a file at that path.
    public var duplicatePaths = 0

    public init(files: Int = 0, deduplicated: Int = 0, duplicatePaths: Int = 0) {
        self.files = files
        self.deduplicated = deduplicated
        self.duplicatePaths = duplicatePaths
    }
}

extension IndexWriter {
    // MARK: - Sources

    /// Registers a source, or finds it again when resuming. A source an interrupted run
    /// had started but not finished is purged first, so it is loaded again from scratch.
    public func beginSource(_ description: String) throws -> SourceHandle {
        try Self.guarded(workingPath, "register source \(description)") {
            try database.write { db in
                if let row = try Row.fetchOne(db, sql: "SELECT id, state FROM sources WHERE description = ?", arguments: [description]) {
                    let id: Int64 = row["id"]
                    if row["state"] as String == "complete" { return SourceHandle(id: id, alreadyLoaded: true) }
                    try purgeFiles(db, where: "source_id = ?", arguments: [id])
                    return SourceHandle(id: id, alreadyLoaded: false)
                }
                try db.execute(sql: "INSERT INTO sources(description, state) VALUES (?, 'started')", arguments: [description])
                return SourceHandle(id: db.lastInsertedRowID, alreadyLoaded: false)
            }
        }
    }

    /// Marks a source complete, with how many of its files were skipped and why.
    public func finishSource(_ source: SourceHandle, skipped: Int, report: String? = nil) throws {
        try Self.guarded(workingPath, "finish a source") {
            try database.write { db in
                let files = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files WHERE source_id = ?", arguments: [source.id]) ?? 0
                try db.execute(
                    sql: "UPDATE sources SET state = 'complete', files = ?, skipped = ?, report = ? WHERE id = ?",
                    arguments: [files, skipped, report, source.id])
            }
        }
    }

    // MARK: - Files

    /// Stores a batch of one repository's files in one transaction.
    ///
    /// A path the repository already has is counted and left alone, before its bytes
    /// are stored: a content stored and then taken back would cost a scan of the
    /// staging table.
    @discardableResult
    public func write(_ files: [IndexedFile], repo: RepoRecord, source: SourceHandle) throws -> WriteSummary {
        try Self.guarded(workingPath, "store \(files.count) files of \(repo.name)") {
            try database.write { db in
                let repoID = try upsert(repo, db)
                let pathExists = try db.cachedStatement(
                    sql: "SELECT EXISTS (SELECT 1 FROM files WHERE repo_id = ? AND path = ?)")
                let insertFile = try db.cachedStatement(
                    sql: """
                        INSERT INTO files(repo_id, source_id, path, language, size, content_id, license, license_origin)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                var summary = WriteSummary()
                for file in files {
                    guard try !Bool.fetchOne(pathExists, arguments: [repoID, file.path])! else {
                        summary.duplicatePaths += 1
                        continue
                    }
                    let (contentID, isNew) = try content(of: file, db)
                    try insertFile.execute(
                        arguments: [repoID, source.id, file.path, file.language.rawValue, file.bytes.count, contentID,
                                    file.license?.expression, file.licenseOrigin?.rawValue])
                    summary.files += 1
                    if !isNew { summary.deduplicated += 1 }
                }
                // Fingerprints written straight into a readable index (`index add`) are
                // seen by readers now, so their resident filters must know.
                if loading == .direct { try IndexMetadata.advanceGeneration(db) }
                return summary
            }
        }
    }

    private func upsert(_ repo: RepoRecord, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM repos WHERE name = ?", arguments: [repo.name]) {
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO repos(name, url, license, license_origin, source_kind, revision, stars)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [repo.name, repo.url, repo.license.expression, repo.licenseOrigin.rawValue, repo.sourceKind,
                        repo.revision, repo.stars])
        return db.lastInsertedRowID
    }

    /// The content row for a file's bytes: found by hash, or stored with its fingerprints.
    private func content(of file: IndexedFile, _ db: Database) throws -> (id: Int64, isNew: Bool) {
        let hash = ContentHash.of(file.bytes)
        if let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM contents WHERE hash = ? AND language = ?", arguments: [hash, file.language.rawValue]) {
            return (id, false)
        }
        try db.execute(
            sql: "INSERT INTO contents(hash, language, size, tokens, data, checkpoints) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                hash, file.language.rawValue, file.bytes.count, file.fingerprints.tokenCount, Data(file.storedBytes),
                Data(file.fingerprints.checkpoints.encoded),
            ])
        let id = db.lastInsertedRowID
        let table = loading == .staged ? "fingerprints_staging" : "fingerprints"
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO \(table)(hash, view, content_id, position) VALUES (?, ?, ?, ?)")
        for view in TokenView.allCases {
            for print in file.fingerprints.fingerprints(in: view) {
                insert.setUncheckedArguments([Int64(bitPattern: print.hash), Int64(view.rawValue), id, Int64(print.position)])
                try insert.execute()
            }
        }
        let signature = file.fingerprints.signature
        guard !signature.isEmpty else { return (id, true) }
        try db.execute(
            sql: "INSERT INTO signatures(content_id, minhash) VALUES (?, ?)",
            arguments: [id, signature.values.withUnsafeBytes { Data($0) }])
        let bucket = try db.cachedStatement(sql: "INSERT OR IGNORE INTO lsh_buckets(band, key, content_id) VALUES (?, ?, ?)")
        for (band, key) in fingerprinter.bands.keys(of: signature).enumerated() {
            bucket.setUncheckedArguments([Int64(band), Int64(bitPattern: key), id])
            try bucket.execute()
        }
        return (id, true)
    }
}
