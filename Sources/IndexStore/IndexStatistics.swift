import Fingerprinting
import GRDB

/// `index stats`: what an index holds.
public struct IndexStatistics: Sendable, Codable, Equatable {
    public struct Count: Sendable, Codable, Equatable {
        public var name: String
        public var count: Int
    }

    public struct CommonFingerprint: Sendable, Codable, Equatable {
        /// The hash as 16 hex digits.
        public var hash: String
        public var view: String
        /// Distinct contents holding it.
        public var contents: Int
    }

    public var formatVersion: Int
    public var k: Int
    public var w: Int
    public var permutations: Int
    public var commonCap: Int
    public var created: String
    public var updated: String
    public var repos: Int
    public var files: Int
    /// Distinct contents (files with identical bytes are stored once).
    public var contents: Int
    /// Bytes of all files, and of the distinct contents.
    public var bytes: Int
    public var contentBytes: Int
    public var tokens: Int
    public var fingerprints: Int
    public var distinctHashes: Int
    public var commonFingerprints: Int
    public var mostCommon: [CommonFingerprint]
    public var licenses: [Count]
    public var languages: [Count]
    /// Bytes each table and index takes in the file (SQLite's dbstat), largest first.
    public var tableBytes: [Count]
    public var fileBytes: Int
}

extension IndexReader {
    /// Counts, histograms and the file's size by table.
    public func statistics(top: Int = 10) throws -> IndexStatistics {
        try read("compute statistics") { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            func histogram(_ sql: String) throws -> [IndexStatistics.Count] {
                try Row.fetchAll(db, sql: sql).map { IndexStatistics.Count(name: $0[0] ?? "unknown", count: $0[1]) }
            }
            let mostCommon = try Row.fetchAll(
                db, sql: "SELECT hash, view, contents FROM common_fingerprints ORDER BY contents DESC, hash LIMIT ?",
                arguments: [top]
            ).map { row in
                IndexStatistics.CommonFingerprint(
                    hash: String(UInt64(bitPattern: row["hash"]), radix: 16), view: row["view"] as Int == 0 ? "exact" : "normalized",
                    contents: row["contents"])
            }
            let hasDBStat = (try? count("SELECT COUNT(*) FROM dbstat LIMIT 1")) != nil
            return IndexStatistics(
                formatVersion: Int(IndexFormat.version), k: metadata.parameters.k, w: metadata.parameters.w,
                permutations: metadata.parameters.permutations, commonCap: metadata.commonCap,
                created: metadata.created, updated: metadata.updated,
                repos: try count("SELECT COUNT(*) FROM repos"),
                files: try count("SELECT COUNT(*) FROM files"),
                contents: try count("SELECT COUNT(*) FROM contents"),
                bytes: try count("SELECT COALESCE(SUM(size), 0) FROM files"),
                contentBytes: try count("SELECT COALESCE(SUM(size), 0) FROM contents"),
                tokens: try count("SELECT COALESCE(SUM(tokens), 0) FROM contents"),
                fingerprints: try count("SELECT COUNT(*) FROM fingerprints"),
                distinctHashes: try count("SELECT COUNT(*) FROM (SELECT DISTINCT hash FROM fingerprints)"),
                commonFingerprints: try count("SELECT COUNT(*) FROM common_fingerprints"),
                mostCommon: mostCommon,
                licenses: try histogram("""
                    SELECT COALESCE(f.license, r.license, 'unknown'), COUNT(*) FROM files f JOIN repos r ON r.id = f.repo_id
                    GROUP BY 1 ORDER BY 2 DESC, 1
                    """),
                languages: try histogram("SELECT language, COUNT(*) FROM files GROUP BY 1 ORDER BY 2 DESC, 1"),
                tableBytes: hasDBStat ? try histogram("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC") : [],
                fileBytes: try count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"))
        }
    }
}
