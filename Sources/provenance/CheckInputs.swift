import Corpus
import Foundation
import ProvenanceCore

/// The files `check` reads: files named on the command line, folders walked the way git
/// sees them (`.gitignore` honoured, `.git` skipped), and standard input.
struct CheckInputs {
    /// One file to check.
    struct Input: Sendable {
        /// The path reports show: as given, joined with the path inside a walked folder; `<stdin>`.
        var path: String
        /// `nil` for standard input.
        var url: URL?
        var language: Language

        /// The bytes exactly as stored.
        func read() throws -> [UInt8] {
            guard let url else { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
            guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandFailure("cannot read \(path)") }
            return Array(data)
        }
    }

    private(set) var inputs: [Input] = []
    /// Paths left out, by reason (`binary`, `unknown-language`, `git-ignored`, …).
    var skipped: [String: Int] = [:]

    /// Resolves `paths`; `language` overrides the extension of named files and standard input.
    ///
    /// Files whose extension names no language (and no `language` was given) are skipped,
    /// as are, in folders, symbolic links and what `.gitignore` files ignore.
    init(paths: [String], language: Language?) throws {
        for path in paths {
            if path == "-" {
                inputs.append(Input(path: "<stdin>", url: nil, language: language ?? .other))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                walk(path)
            } else {
                add(path: path, url: URL(fileURLWithPath: path), language: language ?? Language(path: path), chosen: language != nil)
            }
        }
    }

    private mutating func walk(_ folder: String) {
        let walker = DirectoryWalker(root: URL(fileURLWithPath: folder), includeVendored: true, honoursGitIgnore: true)
        let prefix = folder == "." || folder == "./" ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
        while let entry = walker.next() {
            add(path: prefix + entry.relativePath, url: entry.url, language: Language(path: entry.relativePath), chosen: false)
        }
        for (reason, count) in walker.skipped { skipped[reason.rawValue, default: 0] += count }
    }

    /// Adds a file unless its language is unknown and was not `chosen` with `--language`.
    private mutating func add(path: String, url: URL, language: Language, chosen: Bool) {
        guard language != .other || chosen else {
            skipped[CorpusSkipReason.unknownLanguage.rawValue, default: 0] += 1
            return
        }
        inputs.append(Input(path: path, url: url, language: language))
    }

    /// One line for standard error, e.g. `skipped 3 paths: 1 binary, 2 unknown-language`; `nil` when none were.
    var skippedSummary: String? {
        let total = skipped.values.reduce(0, +)
        guard total > 0 else { return nil }
        let parts = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        return "skipped \(total) path\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
