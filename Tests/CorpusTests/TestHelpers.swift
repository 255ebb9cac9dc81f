import Corpus
import Foundation
import ProvenanceTestSupport

/// Runs a command-line tool the tests use to make inputs (gzip, zstd, tar, git).
@discardableResult
func runTool(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CorpusError(.toolFailed, "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// Every document a reader yields.
func readAll(_ reader: any CorpusReader) throws -> [CorpusDocument] {
    var documents: [CorpusDocument] = []
    try reader.forEach { documents.append($0) }
    return documents
}

/// A JSON Lines row in Stack format.
func stackRow(
    content: String, repo: String = "octo/demo", path: String = "src/a.py", licenses: [String] = ["MIT"],
    extra: [String: Any] = [:]
) -> String {
    var row: [String: Any] = [
        "content": content, "max_stars_repo_name": repo, "max_stars_repo_path": path,
        "max_stars_repo_licenses": licenses,
    ]
    row.merge(extra) { $1 }
    let data = try! JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

extension TemporaryDirectory {
    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
