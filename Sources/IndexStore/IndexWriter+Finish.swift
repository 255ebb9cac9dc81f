import Foundation
import GRDB

extension IndexWriter {
    /// Completes the index: for a build, purges sources an interrupted run left unfinished;
    /// moves staged fingerprints into their clustered table in key order, marks common
    /// fingerprints, records the state, checkpoints the WAL and — for a build — compacts
    /// the file and renames it to its final path, the one step that makes it a complete index.
    public func finish() throws {
        try Self.guarded(workingPath, "finish the index") {
            try database.write { db in
                if mode == .build { try purgeUnfinishedSources(db) }
                if try db.tableExists("fingerprints_staging") {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO fingerprints(hash, view, content_id, position)
                        SELECT hash, view, content_id, position FROM fingerprints_staging
                        ORDER BY hash, view, content_id, position
                        """)
                    try db.execute(sql: "DROP TABLE fingerprints_staging")
                }
                try refreshCommonFingerprints(db)
                try refreshNames(db)
                try db.execute(sql: "UPDATE metadata SET value = 'complete' WHERE key = 'state'")
                try touch(db)
            }
            try database.writeWithoutTransaction { db in
                // The dropped staging table leaves its pages free, about a quarter of the file;
                // VACUUM gives them back and lays each table out in order.
                if mode == .build { try db.execute(sql: "VACUUM") }
                try db.execute(sql: "ANALYZE")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try database.close()
        }
        guard mode == .build else { return }
        do {
            try FileManager.default.moveItem(atPath: workingPath, toPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workingPath + suffix) }
        } catch {
            throw IndexError.database(path: path, operation: "move the finished build into place", message: "\(error)")
        }
    }
}
