import Foundation
import ProvenanceCore

/// A committed list of the source packages a default corpus is built from, pinned to
/// versions, each with the license it is expected to carry.
///
/// Format: one entry per line; `#` starts a comment; fields are separated by spaces,
/// and a value holding spaces is written in double quotes.
///
/// ```
/// # kind  name      version    key=value…
/// pypi    requests  2.32.3     license=Apache-2.0 sha256=5a3e…  language=python
/// debian  six       1.16.0-4   license=MIT
/// pypi    packaging 24.1       license="Apache-2.0 OR BSD-2-Clause"
/// ```
///
/// Keys: `license` (required: an SPDX expression), `sha256` (optional: of the sdist,
/// or of the `.dsc` for Debian), `language` (optional: the main language, for reports).
/// Debian names are source package names (`six`, not `python3-six`).
public struct CorpusManifest: Sendable, Equatable {
    /// Where an entry is fetched from.
    public enum SourceKind: String, Sendable, Codable, CaseIterable {
        /// A Python sdist, fetched with `pip download`.
        case pypi
        /// A Debian source package, fetched with `apt-get source`.
        case debian
    }

    /// One package.
    public struct Entry: Sendable, Equatable, Hashable {
        public var kind: SourceKind
        public var name: String
        public var version: String
        /// The license the package is expected to have.
        public var license: License
        /// Expected SHA-256 of the sdist (or of the Debian `.dsc`), lowercase hex.
        public var sha256: String?
        public var language: Language?
        /// 1-based line in the manifest.
        public var line: Int

        public init(
            kind: SourceKind, name: String, version: String, license: License, sha256: String? = nil,
            language: Language? = nil, line: Int = 0
        ) {
            self.kind = kind
            self.name = name
            self.version = version
            self.license = license
            self.sha256 = sha256
            self.language = language
            self.line = line
        }

        /// The repository name its reader will give it: `pypi:NAME` or `debian:NAME`.
        public var repositoryName: String {
            kind == .pypi ? "pypi:" + PythonPackageMetadata.normalize(name) : "debian:" + name
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Reads and parses the manifest at `url`.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CorpusError(.io, path: url.path, "cannot read the manifest")
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), path: url.path)
    }

    /// Parses manifest text; errors name `path` and the 1-based line.
    public init(parsing text: String, path: String = "manifest") throws {
        entries = []
        var seen: [String: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            func fail(_ detail: String) -> CorpusError { CorpusError(.badManifest, path: path, line: number, detail) }
            let fields = try Self.fields(of: rawLine, fail: fail)
            guard !fields.isEmpty else { continue }
            let entry = try Self.entry(fields, line: number, fail: fail)
            let key = "\(entry.kind.rawValue) \(entry.name.lowercased())"
            if let first = seen[key] { throw fail("\(entry.kind.rawValue) \(entry.name) is already listed on line \(first)") }
            seen[key] = number
            entries.append(entry)
        }
    }
}
