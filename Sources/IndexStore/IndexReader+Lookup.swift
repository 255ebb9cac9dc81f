import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import ProvenanceCore

/// A stored fingerprint that a query hash hit.
public struct FingerprintHit: Sendable, Hashable {
    public var hash: UInt64
    public var contentID: Int64
    /// Token position of the k-gram in the stored content.
    public var position: Int32
}

/// A stored content: the bytes of one or more identical corpus files.
public struct StoredContent: Sendable {
    public var id: Int64
    public var language: Language
    public var bytes: [UInt8]
    /// Where lexing the bytes can restart (empty: lex from the start).
    public var checkpoints: TokenCheckpoints
}

/// A corpus file and its repository: where a match is attributed.
public struct StoredFile: Sendable, Hashable {
    public var id: Int64
    public var contentID: Int64
    public var path: String
    public var repo: String
    public var repoURL: String?
    public var stars: Int?
    /// The effective license: the file's own when it has one, else the repository's.
    public var license: License
    public var licenseOrigin: LicenseOrigin
    public var revision: String?
}

extension IndexReader {
    /// SQLite's limit on bound parameters is far above this; batches keep statements small.
    static let batchSize = 500

    /// Every stored fingerprint equal to one of `hashes` in `view`, one B-tree probe per hash.
    public func hits(for hashes: [UInt64], view: TokenView) throws -> [FingerprintHit] {
        let distinct = Array(Set(hashes))
        return try read("look up \(distinct.count) fingerprints") { db in
            var hits: [FingerprintHit] = []
            for start in stride(from: 0, to: distinct.count, by: Self.batchSize) {
                let batch = distinct[start..<min(start + Self.batchSize, distinct.count)]
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ",")
                let arguments = StatementArguments([Int64(view.rawValue)] + batch.map { Int64(bitPattern: $0) })
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT hash, content_id, position FROM fingerprints WHERE view = ? AND hash IN (\(placeholders))",
                    arguments: arguments)
                while let row = try rows.next() {
                    hits.append(FingerprintHit(
                        hash: UInt64(bitPattern: row[0]), contentID: row[1], position: Int32(truncatingIfNeeded: row[2] as Int64)))
                }
            }
            return hits
        }
    }

    /// Those of `hashes` that are common code in `view` (in more than `commonCap` contents),
    /// with the number of contents each is in.
    public func commonHashes(among hashes: [UInt64], view: TokenView) throws -> [UInt64: Int] {
        if let resident = residentCommon?[Int(view.rawValue)] {
            var common: [UInt64: Int] = [:]
            for hash in hashes { if let count = resident[hash] { common[hash] = count } }
            return common
        }
        let distinct = Array(Set(hashes))
        return try read("look up common fingerprints") { db in
            var common: [UInt64: Int] = [:]
            for start in stride(from: 0, to: distinct.count, by: Self.batchSize) {
                let batch = distinct[start..<min(start + Self.batchSize, distinct.count)]
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ",")
                let arguments = StatementArguments([Int64(view.rawValue)] + batch.map { Int64(bitPattern: $0) })
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT hash, contents FROM common_fingerprints WHERE view = ? AND hash IN (\(placeholders))",
                    arguments: arguments)
                while let row = try rows.next() {
                    common[UInt64(bitPattern: row[0])] = row[1]
                }
            }
            return common
        }
    }

    /// A stored content's bytes and language.
    public func content(id: Int64) throws -> StoredContent? {
        try read("read content \(id)") { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT language, size, data, checkpoints FROM contents WHERE id = ?", arguments: [id])
            else { return nil }
            guard let bytes = ContentCompression.decompress([UInt8](row["data"] as Data), size: row["size"]) else {
                throw IndexError.database(path: path, operation: "read content \(id)", message: "its stored bytes are damaged; rebuild the index")
            }
            return StoredContent(
                id: id, language: Language(rawValue: row["language"]) ?? .other, bytes: bytes,
                checkpoints: TokenCheckpoints(encoded: [UInt8](row["checkpoints"] as Data)) ?? TokenCheckpoints(entries: []))
        }
    }

    /// Every corpus file holding one of the contents, with its repository and effective license.
    public func files(withContents contentIDs: [Int64]) throws -> [StoredFile] {
        guard !contentIDs.isEmpty else { return [] }
        return try read("read files") { db in
            var files: [StoredFile] = []
            for start in stride(from: 0, to: contentIDs.count, by: Self.batchSize) {
                let batch = contentIDs[start..<min(start + Self.batchSize, contentIDs.count)]
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ",")
                files += try Row.fetchAll(
                    db,
                    sql: """
                        SELECT f.id, f.content_id, f.path, f.license AS file_license, f.license_origin AS file_origin,
                               r.name, r.url, r.stars, r.license, r.license_origin, r.revision
                        FROM files f JOIN repos r ON r.id = f.repo_id WHERE f.content_id IN (\(placeholders))
                        """,
                    arguments: StatementArguments(Array(batch))
                ).map(Self.storedFile)
            }
            return files
        }
    }

    /// The ids of every corpus file in one of `languages`, in id order (for sampling the corpus).
    public func fileIDs(languages: [Language]) throws -> [Int64] {
        guard !languages.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: languages.count).joined(separator: ",")
        return try read("list files") { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM files WHERE language IN (\(placeholders)) ORDER BY id",
                arguments: StatementArguments(languages.map(\.rawValue)))
        }
    }

    /// One corpus file by id.
    public func file(id: Int64) throws -> StoredFile? {
        try read("read file \(id)") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT f.id, f.content_id, f.path, f.license AS file_license, f.license_origin AS file_origin,
                           r.name, r.url, r.stars, r.license, r.license_origin, r.revision
                    FROM files f JOIN repos r ON r.id = f.repo_id WHERE f.id = ?
                    """,
                arguments: [id]
            ).map(Self.storedFile)
        }
    }

    private static func storedFile(_ row: Row) -> StoredFile {
        let fileLicense: String? = row["file_license"]
        let fileOrigin: String? = row["file_origin"]
        return StoredFile(
            id: row["id"], contentID: row["content_id"], path: row["path"], repo: row["name"], repoURL: row["url"],
            stars: row["stars"],
            license: License(fileLicense ?? row["license"]),
            licenseOrigin: LicenseOrigin(rawValue: fileLicense != nil ? (fileOrigin ?? "") : row["license_origin"]) ?? .none,
            revision: row["revision"])
    }

    /// Contents whose MinHash signature shares an LSH band with `signature`, with the
    /// estimated Jaccard (at least `minimum`) and their token counts.
    public func nearDuplicates(
        of signature: MinHashSignature, minimum: Double
    ) throws -> [(contentID: Int64, jaccard: Double, tokens: Int)] {
        let keys = fingerprinter.bands.keys(of: signature)
        guard !keys.isEmpty else { return [] }
        return try read("look up near-duplicates") { db in
            var candidates = Set<Int64>()
            for (band, key) in keys.enumerated() {
                candidates.formUnion(try Int64.fetchAll(
                    db, sql: "SELECT content_id FROM lsh_buckets WHERE band = ? AND key = ?",
                    arguments: [band, Int64(bitPattern: key)]))
            }
            return try candidates.sorted().compactMap { id in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT s.minhash, c.tokens FROM signatures s JOIN contents c ON c.id = s.content_id WHERE s.content_id = ?",
                    arguments: [id])
                else { return nil }
                let blob: Data = row[0]
                let stored = MinHashSignature(values: blob.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) })
                let jaccard = signature.estimatedJaccard(with: stored)
                return jaccard >= minimum ? (id, jaccard, row[1]) : nil
            }
        }
    }
}
