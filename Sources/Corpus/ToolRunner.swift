import Foundation

/// Runs an outside program (git, tar, unzip, dpkg-source, pip, apt-get) found on `PATH`
/// and collects its output.
///
/// Output goes through temporary files rather than pipes, so a chatty program can
/// never fill a pipe and deadlock against a reader waiting for it to exit.
struct ToolRunner: Sendable {
    struct Result: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String

        var succeeded: Bool { status == 0 }

        /// One line for messages: the first line flagged as an error (apt's `E:`, pip's
        /// `ERROR:`), which names the cause, else the last line of standard error.
        var lastErrorLine: String {
            let lines = standardError.split(whereSeparator: \.isNewline).map(String.init)
            return lines.first { $0.hasPrefix("E: ") || $0.hasPrefix("ERROR: ") || $0.hasPrefix("error: ") }
                ?? lines.last ?? "exit status \(status)"
        }
    }

    /// `env` exits with this when the program is not on `PATH`.
    static let notFoundStatus: Int32 = 127

    /// True when `tool` can be found on `PATH`.
    static func isAvailable(_ tool: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// Runs `tool arguments…` in `directory` and waits for it.
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("provenance-tool-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        guard let out = FileHandle(forWritingAtPath: outURL.path), let err = FileHandle(forWritingAtPath: errURL.path)
        else { throw CorpusError(.io, path: scratch.path, "cannot create output files for \(tool)") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw CorpusError(.toolFailed, "cannot start \(tool): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let result = Result(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
        if result.status == notFoundStatus && !isAvailable(tool) {
            throw CorpusError(.toolFailed, "\(tool) is not installed (not found on PATH)")
        }
        return result
    }
}

/// A folder under the system's temporary directory that is removed when the last
/// reference to it goes (or on `remove()`), so extracted archives never linger.
final class TemporaryFolder: @unchecked Sendable {
    // @unchecked: `url` is immutable; removal is idempotent.
    let url: URL

    init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CorpusError(.io, path: url.path, "cannot create a temporary folder")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    deinit { remove() }
}
