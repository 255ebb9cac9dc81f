import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import ProvenanceCore

extension IndexWriter {
    /// A name or string is common when more than one stored content in this many holds it (and more than one does).
    static let commonNameShare = 100

    /// Recomputes the name tables from the stored contents: `common_names`, the names
    /// and strings (by the XXH3 of their text, the exact view's symbol) in more than one
    /// in `commonNameShare` distinct contents, and `name_postings`, which contents hold
    /// each of the others.
    ///
    /// The query path asks whether a candidate renaming kept names of its source: `self`,
    /// `range` or `String` agree between any two files, a file's own names do not. And a
    /// renamed copy of code whose shape is everywhere (a Java file's package, imports
    /// and annotations; a settings file) is found by the rare names and strings it kept.
    /// One pass over the stored contents, a few seconds for the default index.
    func refreshNames(_ db: Database) throws {
        // (name, content) pairs go to a temporary table and SQLite counts and sorts them, on
        // disk if need be: an index of a large corpus holds far more than memory would.
        try db.execute(sql: "CREATE TEMP TABLE names_staging (hash INTEGER NOT NULL, content_id INTEGER NOT NULL)")
        defer { try? db.execute(sql: "DROP TABLE temp.names_staging") }
        let stage = try db.makeStatement(sql: "INSERT INTO temp.names_staging(hash, content_id) VALUES (?, ?)")
        var contents = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT id, language, size, data FROM contents")
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            guard let bytes = ContentCompression.decompress([UInt8](row["data"] as Data), size: row["size"]) else {
                throw IndexError.database(path: path, operation: "read content \(id)", message: "its stored bytes are damaged; rebuild the index")
            }
            contents += 1
            for name in distinctNames(bytes, language: Language(rawValue: row["language"]) ?? .other) {
                stage.setUncheckedArguments([Int64(bitPattern: name), id])
                try stage.execute()
            }
        }
        try db.execute(sql: "DELETE FROM common_names")
        try db.execute(sql: "DELETE FROM name_postings")
        try db.execute(
            sql: "INSERT INTO common_names(hash, contents) SELECT hash, COUNT(*) FROM temp.names_staging GROUP BY hash HAVING COUNT(*) > ?",
            arguments: [max(1, contents / Self.commonNameShare)])
        // In key order: appends to the clustered table instead of random B-tree inserts.
        try db.execute(sql: """
            INSERT INTO name_postings(hash, content_id)
            SELECT hash, content_id FROM temp.names_staging WHERE hash NOT IN (SELECT hash FROM common_names)
            ORDER BY hash, content_id
            """)
    }

    /// The exact-view symbols of the distinct identifiers and strings in `bytes`.
    private func distinctNames(_ bytes: [UInt8], language: Language) -> Set<UInt64> {
        bytes.withUnsafeBufferPointer { buffer in
            let tokens = language.lexer.tokens(in: buffer).filter { $0.kind == .identifier || $0.kind == .string }
            return Set(fingerprinter.tokenHasher.symbols(of: tokens, in: buffer, view: .exact))
        }
    }
}
