import ProvenanceCore

/// What kind of source a document was read from, as the index's repo record stores it.
public enum CorpusSourceKind: String, Sendable, Codable, CaseIterable {
    /// A Stack-format JSON Lines file (plain, `.gz` or `.zst`).
    case stackJSONL = "stack-jsonl"
    /// A plain folder.
    case directory = "directory"
    /// A git checkout (a folder holding `.git`).
    case git = "git"
    /// A Python source distribution (`.tar.gz` or `.zip`).
    case sdist = "sdist"
    /// A Debian source package (a `.dsc` or an extracted tree with `debian/`).
    case debian = "debian"
}

/// The repository (or package) a document belongs to: what the index's repo record holds.
///
/// Invariant: `license` is `License.unknown` exactly when `licenseOrigin` is `.none`.
public struct CorpusRepository: Sendable, Hashable, Codable {
    /// Unique name: `owner/name` for GitHub-style repos, `pypi:NAME`, `debian:SOURCE`.
    public var name: String
    /// Where it lives, when known.
    public var url: String?
    /// The repository's license as an SPDX expression.
    public var license: License
    /// Where `license` came from.
    public var licenseOrigin: LicenseOrigin
    /// Version, tag or commit, when known.
    public var revision: String?
    /// GitHub stars, when known (The Stack's `max_stars_count`).
    public var stars: Int?
    public var sourceKind: CorpusSourceKind

    public init(
        name: String, url: String? = nil, license: License, licenseOrigin: LicenseOrigin,
        revision: String? = nil, stars: Int? = nil, sourceKind: CorpusSourceKind
    ) {
        self.name = name
        self.url = url
        self.license = license
        self.licenseOrigin = license.isKnown ? licenseOrigin : .none
        self.revision = revision
        self.stars = stars
        self.sourceKind = sourceKind
    }
}

/// One source file of the corpus, with everything the index records about it.
///
/// ```swift
/// let reader = try StackJSONLReader(path: "data.jsonl.zst")
/// while let document = try reader.next() {
///     print(document.repository.name, document.path, document.effectiveLicense)
/// }
/// ```
public struct CorpusDocument: Sendable {
    public var repository: CorpusRepository
    /// Path inside the repository, `/`-separated, without a leading `/`.
    public var path: String
    public var language: Language
    /// The file's bytes, exactly as read.
    public var bytes: [UInt8]
    /// The file's own license when it overrides the repository's (an SPDX header, a DEP-5 stanza).
    public var fileLicense: License?
    /// Where `fileLicense` came from; `nil` exactly when `fileLicense` is.
    public var fileLicenseOrigin: LicenseOrigin?
    /// The Stack's `hexsha` column (git blob id of the content), when given.
    public var contentSHA: String?

    public init(
        repository: CorpusRepository, path: String, language: Language, bytes: [UInt8],
        fileLicense: License? = nil, fileLicenseOrigin: LicenseOrigin? = nil, contentSHA: String? = nil
    ) {
        self.repository = repository
        self.path = path
        self.language = language
        self.bytes = bytes
        self.fileLicense = fileLicense
        self.fileLicenseOrigin = fileLicense == nil ? nil : fileLicenseOrigin
        self.contentSHA = contentSHA
    }

    /// The license that applies to this file: its own when it has one, else the repository's.
    public var effectiveLicense: License { fileLicense ?? repository.license }

    /// Where `effectiveLicense` came from.
    public var effectiveLicenseOrigin: LicenseOrigin {
        fileLicense == nil ? repository.licenseOrigin : (fileLicenseOrigin ?? .none)
    }
}
