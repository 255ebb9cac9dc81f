import CodeLexing
import Fingerprinting
import Foundation
import GRDB
import ProvenanceCore

extension IndexWriter {
    /// A name is common when more than one stored content in this many holds it (and more than one does).
    static let commonNameShare = 100

    /// Recomputes which names are common: identifiers (by the XXH3 of their text, the
    /// exact view's symbol) in more than one in `commonNameShare` distinct contents.
    ///
    /// The query path asks whether a candidate renaming kept names of its source: `self`,
    /// `range` or `String` agree between any two files, a file's own names do not. One
    /// pass over the stored contents, a few seconds for the default index.
    func refreshCommonNames(_ db: Database) throws {
        var counts: [UInt64: Int32] = [:]
        var contents = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT id, language, size, data FROM contents")
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            guard let bytes = ContentCompression.decompress([UInt8](row["data"] as Data), size: row["size"]) else {
                throw IndexError.database(path: path, operation: "read content \(id)", message: "its stored bytes are damaged; rebuild the index")
            }
            let language = Language(rawValue: row["language"]) ?? .other
            contents += 1
            for name in distinctNames(bytes, language: language) { counts[name, default: 0] += 1 }
        }
        let limit = max(1, contents / Self.commonNameShare)
        try db.execute(sql: "DELETE FROM common_names")
        let insert = try db.cachedStatement(sql: "INSERT INTO common_names(hash, contents) VALUES (?, ?)")
        for (name, count) in counts where Int(count) > limit {
            insert.setUncheckedArguments([Int64(bitPattern: name), Int64(count)])
            try insert.execute()
        }
    }

    /// The exact-view symbols of the distinct identifiers in `bytes`.
    private func distinctNames(_ bytes: [UInt8], language: Language) -> Set<UInt64> {
        bytes.withUnsafeBufferPointer { buffer in
            let tokens = language.lexer.tokens(in: buffer).filter { $0.kind == .identifier }
            return Set(fingerprinter.tokenHasher.symbols(of: tokens, in: buffer, view: .exact))
        }
    }
}
