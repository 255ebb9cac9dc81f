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
        var counts: [UInt64: Int32] = [:]
        var postings: [(name: UInt64, content: Int64)] = []
        var contents = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT id, language, size, data FROM contents")
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            guard let bytes = ContentCompression.decompress([UInt8](row["data"] as Data), size: row["size"]) else {
                throw IndexError.database(path: path, operation: "read content \(id)", message: "its stored bytes are damaged; rebuild the index")
            }
            contents += 1
            for name in distinctNames(bytes, language: Language(rawValue: row["language"]) ?? .other) {
                counts[name, default: 0] += 1
                postings.append((name, id))
            }
        }
        let limit = max(1, contents / Self.commonNameShare)
        try db.execute(sql: "DELETE FROM common_names")
        try db.execute(sql: "DELETE FROM name_postings")
        let common = try db.cachedStatement(sql: "INSERT INTO common_names(hash, contents) VALUES (?, ?)")
        for (name, count) in counts where Int(count) > limit {
            common.setUncheckedArguments([Int64(bitPattern: name), Int64(count)])
            try common.execute()
        }
        // In key order: appends to the clustered table instead of random B-tree inserts.
        postings.sort { (Int64(bitPattern: $0.name), $0.content) < (Int64(bitPattern: $1.name), $1.content) }
        let posting = try db.cachedStatement(sql: "INSERT INTO name_postings(hash, content_id) VALUES (?, ?)")
        for (name, content) in postings where Int(counts[name]!) <= limit {
            posting.setUncheckedArguments([Int64(bitPattern: name), content])
            try posting.execute()
        }
    }

    /// The exact-view symbols of the distinct identifiers and strings in `bytes`.
    private func distinctNames(_ bytes: [UInt8], language: Language) -> Set<UInt64> {
        bytes.withUnsafeBufferPointer { buffer in
            let tokens = language.lexer.tokens(in: buffer).filter { $0.kind == .identifier || $0.kind == .string }
            return Set(fingerprinter.tokenHasher.symbols(of: tokens, in: buffer, view: .exact))
        }
    }
}
