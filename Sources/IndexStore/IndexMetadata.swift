import Fingerprinting
import Foundation
import GRDB

/// The `metadata` table: what an index was built with, and whether it is complete.
///
/// Invariant: a file whose `state` is not `complete` is never opened as an index.
public struct IndexMetadata: Sendable, Equatable {
    /// The fingerprint parameters, fixed for the index's life.
    public var parameters: FingerprintParameters
    /// LSH banding of the MinHash signatures.
    public var bands: Int
    public var rows: Int
    /// Fingerprints found in more than this many distinct contents are common code, never attributed.
    public var commonCap: Int
    /// `building` while a build or update runs, `complete` after.
    public var state: String
    /// When the index was first created and last changed (ISO 8601).
    public var created: String
    public var updated: String
    /// Lexer and normalization versions the fingerprints were made with.
    public var lexerVersion: Int
    public var normalizationVersion: Int

    static func read(_ db: Database) throws -> IndexMetadata {
        let values = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM metadata").map {
                ($0["key"] as String, $0["value"] as String)
            })
        func int(_ key: String) throws -> Int {
            guard let text = values[key], let value = Int(text) else {
                throw IndexError.notAnIndex(path: db.description, reason: "metadata '\(key)' is missing")
            }
            return value
        }
        let parameters = FingerprintParameters(
            k: try int("k"), w: try int("w"), seed: UInt64(values["seed"] ?? "") ?? 0,
            shingleLength: try int("shingle_length"), permutations: try int("permutations"),
            jaccardThreshold: Double(values["jaccard_threshold"] ?? "") ?? 0.8)
        return IndexMetadata(
            parameters: parameters, bands: try int("lsh_bands"), rows: try int("lsh_rows"),
            commonCap: try int("common_cap"), state: values["state"] ?? "unknown",
            created: values["created"] ?? "", updated: values["updated"] ?? "",
            lexerVersion: try int("lexer_version"), normalizationVersion: try int("normalization_version"))
    }

    func write(_ db: Database) throws {
        let values: [String: String] = [
            "format_version": String(IndexFormat.version),
            "k": String(parameters.k), "w": String(parameters.w), "seed": String(parameters.seed),
            "shingle_length": String(parameters.shingleLength), "permutations": String(parameters.permutations),
            "jaccard_threshold": String(parameters.jaccardThreshold),
            "lsh_bands": String(bands), "lsh_rows": String(rows), "common_cap": String(commonCap),
            "state": state, "created": created, "updated": updated,
            "lexer_version": String(lexerVersion), "normalization_version": String(normalizationVersion),
            "hash": "xxh3-64",
        ]
        for (key, value) in values {
            try db.execute(sql: "INSERT OR REPLACE INTO metadata(key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// How many times the index's fingerprints have changed: every transaction that adds
    /// or removes some advances it, so a reader's copies of them (`ResidentTables`)
    /// know when they are stale. 0 in an index written before it was kept.
    static func generation(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM metadata WHERE key = 'generation'")) ?? 0
    }

    static func advanceGeneration(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO metadata(key, value) VALUES ('generation', '1')
            ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
            """)
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
