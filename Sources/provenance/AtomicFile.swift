import Foundation

/// Replaces a file's contents all at once: readers see the old file or the new one, never half of either.
enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path` (the same file system), gives it
    /// `path`'s permissions, then renames it over `path`. A symbolic link is followed, so
    /// the file it points at is replaced and the link stays.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let manager = FileManager.default
        let permissions = (try? manager.attributesOfItem(atPath: target.path))?[.posixPermissions] as? NSNumber
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).provenance-\(UUID().uuidString)")
        do {
            try Data(bytes).write(to: temporary)
            if let permissions { try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path) }
        } catch {
            try? manager.removeItem(at: temporary)
            throw CommandFailure("cannot write beside \(path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw CommandFailure("cannot replace \(path): \(reason)")
        }
    }
}
