import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import GRDBSQLite
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
    /// The file's bytes; read for token windows (`IndexSnapshot.content(id:windows:)`),
    /// only those the windows' lexing reads, zeros elsewhere.
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
    /// Runs `body` with one snapshot of the index: every lookup it makes sees the same
    /// data, and they share one read transaction (a query makes dozens of lookups).
    public func snapshot<T>(_ operation: String = "read the index", _ body: (IndexSnapshot) throws -> T) throws -> T {
        try read(operation) { db in try body(IndexSnapshot(reader: self, db: db)) }
    }

    /// Every stored fingerprint equal to one of `hashes` in `view`, one B-tree probe per hash.
    public func hits(for hashes: [UInt64], view: TokenView) throws -> [FingerprintHit] {
        try snapshot("look up \(hashes.count) fingerprints") { try $0.hits(for: hashes, view: view) }
    }

    /// Those of `hashes` that are common code in `view` (in more than `commonCap` contents),
    /// with the number of contents each is in.
    public func commonHashes(among hashes: [UInt64], view: TokenView) throws -> [UInt64: Int] {
        if let common = residentCommonHashes(among: hashes, view: view) { return common }
        return try snapshot("look up common fingerprints") { try $0.commonHashes(among: hashes, view: view) }
    }

    /// A stored content's bytes and language.
    public func content(id: Int64) throws -> StoredContent? {
        try snapshot("read content \(id)") { try $0.content(id: id) }
    }

    /// Every corpus file holding one of the contents, with its repository and effective license.
    public func files(withContents contentIDs: [Int64]) throws -> [StoredFile] {
        try snapshot("read files") { try $0.files(withContents: contentIDs) }
    }

    /// The ids of every corpus file in one of `languages`, in id order (for sampling the corpus).
    public func fileIDs(languages: [Language]) throws -> [Int64] {
        try snapshot("list files") { try $0.fileIDs(languages: languages) }
    }

    /// One corpus file by id.
    public func file(id: Int64) throws -> StoredFile? {
        try snapshot("read file \(id)") { try $0.file(id: id) }
    }

    /// Contents whose MinHash signature shares an LSH band with `signature`, with the
    /// estimated Jaccard (at least `minimum`) and their token counts.
    public func nearDuplicates(
        of signature: MinHashSignature, minimum: Double
    ) throws -> [(contentID: Int64, jaccard: Double, tokens: Int)] {
        try snapshot("look up near-duplicates") { try $0.nearDuplicates(of: signature, minimum: minimum) }
    }

    /// The common ones among `hashes` from the table read at open; nil when it was too big to keep.
    func residentCommonHashes(among hashes: [UInt64], view: TokenView) -> [UInt64: Int]? {
        guard let resident = residentCommon?[Int(view.rawValue)] else { return nil }
        var common: [UInt64: Int] = [:]
        for hash in hashes { if let count = resident.contents(of: hash) { common[hash] = count } }
        return common
    }
}

/// One read snapshot of an index (`IndexReader.snapshot`): the lookups of the query path.
///
/// Valid only inside the `snapshot` closure that made it.
public struct IndexSnapshot {
    public let reader: IndexReader
    let db: Database
    /// The reader's resident tables, when it keeps them and they are current for this snapshot.
    let resident: ResidentTables.Tables?

    init(reader: IndexReader, db: Database) {
        self.reader = reader
        self.db = db
        resident = reader.residentTables(in: db)
    }

    /// The token digests of the stored content `contentID` (`TokenDigests`), when the
    /// reader keeps them current.
    public func tokenDigests(of contentID: Int64) -> ArraySlice<UInt16>? {
        resident?.digests.digests(of: contentID)
    }

    /// Whether token digests are kept current for this snapshot.
    public var hasTokenDigests: Bool { resident != nil }

    /// SQLite's limit on bound parameters is far above this; batches keep statements small.
    static let batchSize = 512
    /// IN-list sizes statements are prepared for: a batch is padded (with a repeat of its
    /// first value) to the next size, so each size is prepared once per connection.
    static let batchSizes = [16, 64, 256, batchSize]
    /// The IN-list of each batch size: "?,?,…".
    private static let placeholderLists = Dictionary(uniqueKeysWithValues: batchSizes.map { size in
        (size, Array(repeating: "?", count: size).joined(separator: ","))
    })

    /// Runs `body` on `values` in batches, each padded to a prepared size, with its IN-list.
    private func batches(_ values: [Int64], _ body: (_ placeholders: String, _ batch: [Int64]) throws -> Void) rethrows {
        for start in stride(from: 0, to: values.count, by: Self.batchSize) {
            var batch = Array(values[start..<min(start + Self.batchSize, values.count)])
            let size = Self.batchSizes.first { $0 >= batch.count }!
            batch += Array(repeating: batch[0], count: size - batch.count)
            try body(Self.placeholderLists[size]!, batch)
        }
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// Every stored fingerprint equal to one of `hashes` in `view`, one B-tree probe per
    /// hash (from memory when the reader keeps its lookup tables), in the table's order.
    public func hits(for hashes: [UInt64], view: TokenView) throws -> [FingerprintHit] {
        if let resident { return resident.lookups.hits(for: hashes, view: view) }
        var hits: [FingerprintHit] = []
        // In ascending batches, each read in key order: the hits come in the table's order.
        let keys = Set(hashes).map { Int64(bitPattern: $0) }.sorted()
        guard !keys.isEmpty else { return [] }
        try batches(keys) { list, batch in
            let statement = try db.cachedStatement(
                sql: "SELECT hash, content_id, position FROM fingerprints WHERE view = ? AND hash IN (\(list))")
            try db.forEachRow(statement, [Int64(view.rawValue)] + batch) { row in
                hits.append(FingerprintHit(
                    hash: UInt64(bitPattern: sqlite3_column_int64(row, 0)), contentID: sqlite3_column_int64(row, 1),
                    position: Int32(truncatingIfNeeded: sqlite3_column_int64(row, 2))))
            }
        }
        return hits
    }

    /// How many fingerprints are stored for each of `hashes` in `view` (hashes stored
    /// nowhere are left out): what `hits(for:view:)` would return, counted, not read.
    public func hitCounts(for hashes: [UInt64], view: TokenView) throws -> [UInt64: Int] {
        if let resident { return resident.lookups.hitCounts(for: hashes, view: view) }
        var counts: [UInt64: Int] = [:]
        try batches(Set(hashes).map { Int64(bitPattern: $0) }) { list, batch in
            let statement = try db.cachedStatement(
                sql: "SELECT hash, COUNT(*) FROM fingerprints WHERE view = ? AND hash IN (\(list)) GROUP BY hash")
            try db.forEachRow(statement, [Int64(view.rawValue)] + batch) { row in
                counts[UInt64(bitPattern: sqlite3_column_int64(row, 0))] = Int(sqlite3_column_int64(row, 1))
            }
        }
        return counts
    }

    /// The contents holding each of `names` (exact-view symbols of identifiers), for names
    /// that are not common (`IndexReader.commonNames`): (name, content) pairs.
    public func contents(withNames names: [UInt64]) throws -> [(name: UInt64, contentID: Int64)] {
        if let resident { return resident.lookups.contents(withNames: Set(names)) }
        var postings: [(name: UInt64, contentID: Int64)] = []
        try batches(Set(names).map { Int64(bitPattern: $0) }) { list, batch in
            let statement = try db.cachedStatement(sql: "SELECT hash, content_id FROM name_postings WHERE hash IN (\(list))")
            try db.forEachRow(statement, batch) { row in
                postings.append((UInt64(bitPattern: sqlite3_column_int64(row, 0)), sqlite3_column_int64(row, 1)))
            }
        }
        return postings
    }

    /// Those of `hashes` stored in `view` for `content`: one probe per hash, however many
    /// other contents hold it (common fingerprints too).
    public func hits(for hashes: [UInt64], view: TokenView, in content: Int64) throws -> [FingerprintHit] {
        if let resident { return resident.lookups.hits(for: Set(hashes), view: view, in: content) }
        var hits: [FingerprintHit] = []
        try batches(Set(hashes).map { Int64(bitPattern: $0) }) { list, batch in
            let statement = try db.cachedStatement(
                sql: "SELECT hash, position FROM fingerprints WHERE view = ? AND content_id = ? AND hash IN (\(list))")
            try db.forEachRow(statement, [Int64(view.rawValue), content] + batch) { row in
                hits.append(FingerprintHit(
                    hash: UInt64(bitPattern: sqlite3_column_int64(row, 0)), contentID: content,
                    position: Int32(truncatingIfNeeded: sqlite3_column_int64(row, 1))))
            }
        }
        return hits
    }

    /// Those of `hashes` that are common code in `view`, with the number of contents each is in.
    /// How many contents hold each of `hashes` that is common in `view`, position by
    /// position (nil where it is not common): `commonHashes(among:view:)` laid out as the
    /// hashes are, without a dictionary in between when the common table is resident.
    public func commonCounts(of hashes: [UInt64], view: TokenView) throws -> [Int?] {
        if let resident = reader.residentCommon?[Int(view.rawValue)] { return hashes.map { resident.contents(of: $0) } }
        let common = try commonHashes(among: hashes, view: view)
        return common.isEmpty ? Array(repeating: nil, count: hashes.count) : hashes.map { common[$0] }
    }

    public func commonHashes(among hashes: [UInt64], view: TokenView) throws -> [UInt64: Int] {
        if let common = reader.residentCommonHashes(among: hashes, view: view) { return common }
        var common: [UInt64: Int] = [:]
        try batches(Set(hashes).map { Int64(bitPattern: $0) }) { list, batch in
            let statement = try db.cachedStatement(
                sql: "SELECT hash, contents FROM common_fingerprints WHERE view = ? AND hash IN (\(list))")
            try db.forEachRow(statement, [Int64(view.rawValue)] + batch) { row in
                common[UInt64(bitPattern: sqlite3_column_int64(row, 0))] = Int(sqlite3_column_int64(row, 1))
            }
        }
        return common
    }

    /// A stored content's bytes and language.
    public func content(id: Int64) throws -> StoredContent? {
        try content(id: id, covering: nil)
    }

    /// A stored content with only the bytes that lexing token `windows` of it reads
    /// (`TokenCheckpoints.bytes(covering:size:)`) decompressed, the rest left zero: what
    /// verifying a few windows of a large file needs.
    public func content(id: Int64, windows: [Range<Int>]) throws -> StoredContent? {
        try content(id: id, covering: windows)
    }

    private func content(id: Int64, covering windows: [Range<Int>]?) throws -> StoredContent? {
        let statement = try db.cachedStatement(sql: "SELECT language, size, checkpoints, data FROM contents WHERE id = ?")
        var content: StoredContent?
        var damaged = false
        // The blobs are read where SQLite holds them, not copied.
        try db.forEachRow(statement, [id]) { row in
            let size = Int(sqlite3_column_int64(row, 1))
            let checkpoints = TokenCheckpoints(encoded: SQLiteRow.blob(row, 2)) ?? TokenCheckpoints(entries: [])
            let ranges = windows?.map { checkpoints.bytes(covering: $0, size: size) } ?? [0..<size]
            guard let bytes = ContentCompression.decompress(SQLiteRow.blob(row, 3), size: size, covering: ranges) else {
                damaged = true
                return
            }
            content = StoredContent(id: id, language: SQLiteRow.language(row, 0), bytes: bytes, checkpoints: checkpoints)
        }
        guard !damaged else {
            throw IndexError.database(
                path: reader.path, operation: "read content \(id)", message: "its stored bytes are damaged; rebuild the index")
        }
        return content
    }

    /// Every corpus file holding one of the contents, with its repository and effective license.
    public func files(withContents contentIDs: [Int64]) throws -> [StoredFile] {
        guard !contentIDs.isEmpty else { return [] }
        var files: [StoredFile] = []
        try batches(Array(Set(contentIDs))) { list, batch in
            let statement = try db.cachedStatement(sql: """
                SELECT f.id, f.content_id, f.path, f.license AS file_license, f.license_origin AS file_origin,
                       r.name, r.url, r.stars, r.license, r.license_origin, r.revision
                FROM files f JOIN repos r ON r.id = f.repo_id WHERE f.content_id IN (\(list))
                """)
            files += try Row.fetchAll(statement, arguments: StatementArguments(batch)).map(Self.storedFile)
        }
        return files
    }

    /// The ids of every corpus file in one of `languages`, in id order (for sampling the corpus).
    public func fileIDs(languages: [Language]) throws -> [Int64] {
        guard !languages.isEmpty else { return [] }
        return try Int64.fetchAll(
            db, sql: "SELECT id FROM files WHERE language IN (\(placeholders(languages.count))) ORDER BY id",
            arguments: StatementArguments(languages.map(\.rawValue)))
    }

    /// One corpus file by id.
    public func file(id: Int64) throws -> StoredFile? {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT f.id, f.content_id, f.path, f.license AS file_license, f.license_origin AS file_origin,
                       r.name, r.url, r.stars, r.license, r.license_origin, r.revision
                FROM files f JOIN repos r ON r.id = f.repo_id WHERE f.id = ?
                """),
            arguments: [id]
        ).map(Self.storedFile)
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
        let keys = reader.fingerprinter.bands.keys(of: signature)
        guard !keys.isEmpty else { return [] }
        var candidates = Set<Int64>()
        let bucket = try db.cachedStatement(sql: "SELECT content_id FROM lsh_buckets WHERE band = ? AND key = ?")
        for (band, key) in keys.enumerated() {
            if let resident {
                candidates.formUnion(resident.lookups.bucket(band: band, key: key))
            } else {
                candidates.formUnion(try Int64.fetchAll(bucket, arguments: [band, Int64(bitPattern: key)]))
            }
        }
        let stored = try db.cachedStatement(
            sql: "SELECT s.minhash, c.tokens FROM signatures s JOIN contents c ON c.id = s.content_id WHERE s.content_id = ?")
        return try candidates.sorted().compactMap { id in
            guard let row = try Row.fetchOne(stored, arguments: [id]) else { return nil }
            let blob: Data = row[0]
            let values = MinHashSignature(values: blob.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) })
            let jaccard = signature.estimatedJaccard(with: values)
            return jaccard >= minimum ? (id, jaccard, row[1]) : nil
        }
    }
}

extension Database {
    /// Binds `values` to `statement`'s parameters, steps it and hands each row to `body`
    /// as SQLite's own statement handle, for its integer columns: the lookups a query
    /// makes (a thousand rows for some) and the scan of every fingerprint spent more in
    /// GRDB's arguments and `Row` than in SQLite.
    func forEachRow(_ statement: Statement, _ values: [Int64] = [], _ body: (OpaquePointer) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        precondition(Int(sqlite3_bind_parameter_count(handle)) == values.count, "one value per parameter")
        for (index, value) in values.enumerated() { sqlite3_bind_int64(handle, Int32(index + 1), value) }
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: body(handle)
            case SQLITE_DONE: return
            case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastErrorMessage, sql: statement.sql)
            }
        }
    }
}

/// Columns of the row a statement is on, read through SQLite's own API (`Database.forEachRow`).
enum SQLiteRow {
    /// Column `index` as a blob, valid until the statement steps again.
    static func blob(_ row: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: sqlite3_column_blob(row, index), count: Int(sqlite3_column_bytes(row, index)))
    }

    /// Column `index` as a stored language name (`.other` for one this build does not know).
    static func language(_ row: OpaquePointer, _ index: Int32) -> Language {
        sqlite3_column_text(row, index).map { Language(rawValue: String(cString: $0)) ?? .other } ?? .other
    }
}
