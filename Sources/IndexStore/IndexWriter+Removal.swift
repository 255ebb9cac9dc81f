import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import ProvenanceCore

/// What `removeRepo` purged.
public struct RemovalSummary: Sendable, Equatable {
    public var files = 0
    /// Contents no other file used, deleted with their fingerprints, signature and buckets.
    public var contents = 0
    public var fingerprints = 0
}

extension IndexWriter {
    /// Opt-out: purges a repository — its files, the contents no other file uses, their
    /// fingerprints, signatures and LSH buckets — in one transaction, with SQLite's
    /// `secure_delete` so the freed pages are zeroed rather than left in the file.
    ///
    /// - Throws: `IndexError.database` when no repository has that name.
    @discardableResult
    public func removeRepo(named name: String) throws -> RemovalSummary {
        try Self.guarded(workingPath, "remove \(name)") {
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
            let summary = try database.write { db -> RemovalSummary in
                guard let repoID = try Int64.fetchOne(db, sql: "SELECT id FROM repos WHERE name = ?", arguments: [name]) else {
                    throw IndexError.database(path: path, operation: "remove \(name)", message: "no repository named '\(name)' in the index")
                }
                let sources = try Int64.fetchAll(
                    db, sql: "SELECT DISTINCT source_id FROM files WHERE repo_id = ?", arguments: [repoID])
                let summary = try purgeFiles(db, where: "repo_id = ?", arguments: [repoID])
                try db.execute(sql: "DELETE FROM repos WHERE id = ?", arguments: [repoID])
                try forgetEmptied(sources, db)
                try refreshCommonFingerprints(db)
                try refreshNames(db)
                try touch(db)
                return summary
            }
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "PRAGMA secure_delete = OFF")
            }
            return summary
        }
    }

    /// Drops the rows of sources left without files and recounts the others'.
    ///
    /// A source's description names its path (a folder is often named after its repo),
    /// and a source still listed as complete would make a later `index add` of it a no-op.
    func forgetEmptied(_ sources: [Int64], _ db: Database) throws {
        for id in sources {
            let files = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files WHERE source_id = ?", arguments: [id]) ?? 0
            if files == 0 {
                try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [id])
            } else {
                try db.execute(sql: "UPDATE sources SET files = ? WHERE id = ?", arguments: [files, id])
            }
        }
    }

    /// Purges the sources an interrupted build started that this build did not load again,
    /// with the repositories only they held: a finished build holds only complete sources.
    func purgeUnfinishedSources(_ db: Database) throws {
        let unfinished = try Int64.fetchAll(db, sql: "SELECT id FROM sources WHERE state <> 'complete'")
        guard !unfinished.isEmpty else { return }
        for id in unfinished {
            try purgeFiles(db, where: "source_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [id])
        }
        try db.execute(sql: "DELETE FROM repos WHERE NOT EXISTS (SELECT 1 FROM files WHERE files.repo_id = repos.id)")
    }

    /// Deletes the files matching `condition` and every content only they used.
    @discardableResult
    func purgeFiles(_ db: Database, where condition: String, arguments: StatementArguments) throws -> RemovalSummary {
        let candidates = try Int64.fetchAll(
            db, sql: "SELECT DISTINCT content_id FROM files WHERE \(condition)", arguments: arguments)
        try db.execute(sql: "DELETE FROM files WHERE \(condition)", arguments: arguments)
        let removedFiles = db.changesCount
        let orphans = try candidates.filter {
            try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE content_id = ?)", arguments: [$0])!
        }
        var summary = RemovalSummary(files: removedFiles)
        summary.fingerprints = try deleteContents(db, ids: orphans)
        summary.contents = orphans.count
        return summary
    }

    /// Deletes contents with their fingerprints, signatures and buckets; returns the fingerprints deleted.
    ///
    /// Fingerprints are clustered on their hash, so instead of scanning the table they
    /// are derived again from the stored bytes and deleted by primary key, one probe each.
    /// A staged build's are all still in the unindexed staging table (the invariant of
    /// `loading`): one pass over it deletes every content's at once.
    @discardableResult
    func deleteContents(_ db: Database, ids: [Int64]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        var deleted = 0
        if loading == .staged {
            try db.execute(
                sql: "DELETE FROM fingerprints_staging WHERE content_id IN (SELECT value FROM json_each(?))",
                arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
            deleted = db.changesCount
        }
        for id in ids {
            guard let row = try Row.fetchOne(db, sql: "SELECT language, size, data FROM contents WHERE id = ?", arguments: [id]) else { continue }
            if loading == .direct {
                let language = Language(rawValue: row["language"]) ?? .other
                guard let bytes = ContentCompression.decompress([UInt8](row["data"] as Data), size: row["size"]) else {
                    throw IndexError.database(path: path, operation: "remove content \(id)", message: "its stored bytes are damaged; rebuild the index")
                }
                deleted += try deleteFingerprints(of: bytes, language: language, content: id, db)
            }
            if let blob = try Data.fetchOne(db, sql: "SELECT minhash FROM signatures WHERE content_id = ?", arguments: [id]) {
                let signature = MinHashSignature(values: blob.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) })
                for (band, key) in fingerprinter.bands.keys(of: signature).enumerated() {
                    try db.execute(
                        sql: "DELETE FROM lsh_buckets WHERE band = ? AND key = ? AND content_id = ?",
                        arguments: [band, Int64(bitPattern: key), id])
                }
            }
            try db.execute(sql: "DELETE FROM signatures WHERE content_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM contents WHERE id = ?", arguments: [id])
        }
        return deleted
    }

    /// Deletes a content's rows of the clustered `fingerprints` table, derived again from its bytes.
    private func deleteFingerprints(of bytes: [UInt8], language: Language, content id: Int64, _ db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: "DELETE FROM fingerprints WHERE hash = ? AND view = ? AND content_id = ? AND position = ?")
        let prints = fingerprinter.fingerprints(of: bytes, language: language)
        var deleted = 0
        for view in TokenView.allCases {
            for print in prints.fingerprints(in: view) {
                statement.setUncheckedArguments([Int64(bitPattern: print.hash), Int64(view.rawValue), id, Int64(print.position)])
                try statement.execute()
                deleted += db.changesCount
            }
        }
        return deleted
    }

    /// Recomputes which fingerprints are common code: those in more than `commonCap` distinct contents.
    func refreshCommonFingerprints(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM common_fingerprints")
        try db.execute(
            sql: """
                INSERT INTO common_fingerprints(hash, view, contents)
                SELECT hash, view, COUNT(DISTINCT content_id) FROM fingerprints
                GROUP BY hash, view HAVING COUNT(DISTINCT content_id) > ?
                """,
            arguments: [metadata.commonCap])
    }

    func touch(_ db: Database) throws {
        try db.execute(sql: "UPDATE metadata SET value = ? WHERE key = 'updated'", arguments: [IndexMetadata.now()])
        try IndexMetadata.advanceGeneration(db)
    }
}
