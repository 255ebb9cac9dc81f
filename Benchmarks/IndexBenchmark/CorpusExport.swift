import Foundation
import GRDB

/// Writes every file of an index as a Stack-format row (repo, path, effective license,
/// language, content), so a real corpus can be built again without fetching it.
///
/// Contents that are not valid UTF-8 are written with U+FFFD replacements (JSON holds text).
struct CorpusExport {
    let database: String
    let output: String

    func run() throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        try Data().write(to: URL(fileURLWithPath: output))
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        defer { try? file.close() }
        var (rows, bytes, lossy) = (0, 0, 0)
        try queue.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT r.name, f.path, COALESCE(f.license, r.license) AS license, f.language, c.data
                FROM files f JOIN repos r ON r.id = f.repo_id JOIN contents c ON c.id = f.content_id ORDER BY f.id
                """)
            var buffer = Data()
            while let row = try cursor.next() {
                let data: Data = row["data"]
                let content = String(decoding: data, as: UTF8.self)
                if content.utf8.count != data.count { lossy += 1 }
                let license: String? = row["license"]
                let object: [String: Any] = [
                    "max_stars_repo_name": row["name"] as String, "max_stars_repo_path": row["path"] as String,
                    "max_stars_repo_licenses": license.map { [$0] } ?? [], "lang": row["language"] as String,
                    "content": content,
                ]
                buffer.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
                buffer.append(0x0A)
                rows += 1
                bytes += data.count
                if buffer.count > 8 << 20 {
                    file.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            file.write(buffer)
        }
        print(String(format: "exported %d files, %.1f MB of source, to %@ (%d not valid UTF-8)", rows, Double(bytes) / 1e6, output, lossy))
    }
}
