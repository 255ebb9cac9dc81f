import Foundation

/// Downloads the packages a `CorpusManifest` names into a cache folder with the
/// machine's own package clients, and verifies them.
///
/// Layout: `CACHE/pypi/NAME-VERSION/` holds one sdist; `CACHE/debian/NAME_VERSION/`
/// holds a `.dsc` and its tarballs; `CACHE/apt/` holds the temporary apt
/// configuration (see `ManifestFetcher+Debian.swift`). An entry already in the cache
/// that verifies is not downloaded again.
///
/// Verification: the manifest's sha256 when given (of the sdist, or of the `.dsc`);
/// else the sdist must list at least one file; a `.dsc`'s own `Checksums-Sha256`
/// are always checked against its tarballs.
///
/// ```swift
/// let fetcher = ManifestFetcher(cache: URL(fileURLWithPath: ".cache/corpus"))
/// for entry in manifest.entries {
///     let result = try fetcher.fetch(entry)
///     if case .skipped(let why) = result.outcome { print("warning: \(why)") }
/// }
/// ```
public final class ManifestFetcher {
    /// What fetching an entry did.
    public enum Outcome: Sendable, Equatable {
        /// Downloaded now and verified.
        case downloaded
        /// Already in the cache and verified.
        case cached
        /// Not fetched, for a reason that is not an error (apt-get absent).
        case skipped(String)
    }

    /// The result for one entry.
    public struct Result: Sendable, Equatable {
        public var entry: CorpusManifest.Entry
        public var outcome: Outcome
        /// The archive to read (`.tar.gz`/`.zip` or `.dsc`); `nil` when skipped.
        public var archive: URL?
    }

    public let cache: URL
    /// How to run pip: the interpreter and its arguments up to `download`.
    public var pipCommand: [String]
    /// Whether `apt-get update` has run for this fetcher (once is enough).
    var aptListsReady = false

    public init(cache: URL, pipCommand: [String] = ["python3", "-m", "pip"]) {
        self.cache = cache
        self.pipCommand = pipCommand
    }

    /// Fetches (or finds in the cache) one entry and verifies it.
    public func fetch(_ entry: CorpusManifest.Entry) throws -> Result {
        switch entry.kind {
        case .pypi: return try fetchSdist(entry)
        case .debian: return try fetchDebianSource(entry)
        }
    }

    /// The verified archive of `entry` in the cache, without downloading; `nil` when absent.
    public func cachedArchive(for entry: CorpusManifest.Entry) -> URL? {
        let folder = self.folder(for: entry)
        switch entry.kind {
        case .pypi: return try? verifiedSdist(in: folder, entry: entry)
        case .debian: return try? verifiedDsc(in: folder, entry: entry)
        }
    }

    /// A reader over a fetched entry's archive.
    public static func reader(for result: Result) throws -> (any CorpusReader)? {
        guard let archive = result.archive else { return nil }
        switch result.entry.kind {
        case .pypi: return try SdistReader(path: archive.path)
        case .debian: return try DebianSourceReader(path: archive.path)
        }
    }

    func folder(for entry: CorpusManifest.Entry) -> URL {
        switch entry.kind {
        case .pypi: return cache.appendingPathComponent("pypi/\(entry.name)-\(entry.version)")
        case .debian: return cache.appendingPathComponent("debian/\(entry.name)_\(entry.version)")
        }
    }

    // MARK: - PyPI

    private func fetchSdist(_ entry: CorpusManifest.Entry) throws -> Result {
        let folder = self.folder(for: entry)
        if let archive = try? verifiedSdist(in: folder, entry: entry) {
            return Result(entry: entry, outcome: .cached, archive: archive)
        }
        try? FileManager.default.removeItem(at: folder)
        try createFolder(folder)
        guard let python = pipCommand.first else { throw fetchError(entry, "no pip command configured") }
        let arguments = Array(pipCommand.dropFirst()) + [
            "download", "--no-deps", "--no-binary", entry.name, "--disable-pip-version-check",
            "\(entry.name)==\(entry.version)", "-d", folder.path,
        ]
        let run = try ToolRunner.run(python, arguments)
        guard run.succeeded else { throw fetchError(entry, "pip download failed: \(run.lastErrorLine)") }
        return Result(entry: entry, outcome: .downloaded, archive: try verifiedSdist(in: folder, entry: entry))
    }

    private func verifiedSdist(in folder: URL, entry: CorpusManifest.Entry) throws -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let archives = names.filter { ArchiveExtractor.Format(path: $0) != nil && !$0.hasSuffix(".dsc") }.sorted()
        guard archives.count == 1 else {
            throw fetchError(entry, archives.isEmpty ? "no sdist was downloaded" : "several archives: \(archives)")
        }
        let archive = folder.appendingPathComponent(archives[0])
        if let expected = entry.sha256 {
            let actual = try SHA256.hex(ofFile: archive.path)
            guard actual == expected else {
                throw fetchError(entry, "sha256 mismatch for \(archives[0]): expected \(expected), got \(actual)")
            }
        } else {
            let listing = archive.path.hasSuffix(".zip")
                ? try ToolRunner.run("unzip", ["-Z1", archive.path]) : try ToolRunner.run("tar", ["-tf", archive.path])
            guard listing.succeeded, !listing.standardOutput.isEmpty else {
                throw fetchError(entry, "\(archives[0]) does not open as an archive with files")
            }
        }
        return archive
    }

    // MARK: - Shared

    func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CorpusError(.io, path: folder.path, "cannot create the cache folder")
        }
    }

    func fetchError(_ entry: CorpusManifest.Entry, _ detail: String) -> CorpusError {
        CorpusError(.fetchFailed, path: "\(entry.kind.rawValue) \(entry.name) \(entry.version)", detail)
    }
}
