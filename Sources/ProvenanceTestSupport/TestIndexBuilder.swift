import Fingerprinting
import Foundation
import IndexStore
import ProvenanceCore

/// Builds a small index in a temporary folder, so each test case is a few lines (zoekt's testShardBuilder).
///
/// ```swift
/// let index = try TestIndexBuilder()
///     .repo("acme/sorting", license: "MIT", stars: 10, files: ["sort.py": code])
///     .build()
/// defer { index.remove() }
/// ```
public struct TestIndexBuilder {
    public struct Repo {
        public var record: RepoRecord
        public var files: [(path: String, code: String)]
    }

    public private(set) var repos: [Repo] = []
    public var parameters: FingerprintParameters = .default
    public var commonCap = 25

    public init() {}

    /// Adds a repository with its files (path → code, languages from the extensions).
    public func repo(
        _ name: String, license: String? = "MIT", stars: Int? = nil, url: String? = nil,
        files: KeyValuePairs<String, String>
    ) -> TestIndexBuilder {
        var copy = self
        copy.repos.append(Repo(
            record: RepoRecord(
                name: name, url: url, license: License(license), licenseOrigin: license == nil ? .none : .declared,
                sourceKind: "directory", stars: stars),
            files: files.map { ($0.key, $0.value) }))
        return copy
    }

    /// Writes the index into a new temporary folder.
    public func build() throws -> TestIndex {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("test.sqlite").path
        let writer = try IndexWriter.build(at: path, parameters: parameters, commonCap: commonCap)
        let fingerprinter = Fingerprinter(parameters: parameters)
        let source = try writer.beginSource("test corpus")
        for repo in repos {
            let files = repo.files.map { file in
                let bytes = Array(file.code.utf8)
                let language = Language(path: file.path)
                return IndexedFile(
                    path: file.path, language: language, bytes: bytes,
                    fingerprints: fingerprinter.fingerprints(of: bytes, language: language))
            }
            try writer.write(files, repo: repo.record, source: source)
        }
        try writer.finishSource(source, skipped: 0)
        try writer.finish()
        return TestIndex(folder: folder, path: path)
    }
}

/// An index built by `TestIndexBuilder`, removed with its folder by `remove()`.
public struct TestIndex: Sendable {
    public let folder: TemporaryDirectory
    public let path: String

    public func remove() { folder.remove() }
}
