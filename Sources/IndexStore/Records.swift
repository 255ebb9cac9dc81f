import Fingerprinting
import ProvenanceCore

/// A repository (or package) as the index records it.
public struct RepoRecord: Sendable, Hashable, Codable {
    /// Unique name, e.g. `pallets/flask` or `pypi:requests`.
    public var name: String
    /// Where it lives, when known.
    public var url: String?
    /// The repository's license.
    public var license: License
    /// Where that license came from.
    public var licenseOrigin: LicenseOrigin
    /// What kind of source it was read from: `stack-jsonl`, `directory`, `git`, `sdist`, `debian`.
    public var sourceKind: String
    /// Version, tag or commit, when known.
    public var revision: String?
    /// GitHub stars, when known (The Stack's `max_stars_count`).
    public var stars: Int?

    public init(
        name: String, url: String? = nil, license: License, licenseOrigin: LicenseOrigin,
        sourceKind: String, revision: String? = nil, stars: Int? = nil
    ) {
        self.name = name
        self.url = url
        self.license = license
        self.licenseOrigin = licenseOrigin
        self.sourceKind = sourceKind
        self.revision = revision
        self.stars = stars
    }
}

/// One source file ready to store: its place, its bytes and its fingerprints.
public struct IndexedFile: Sendable {
    /// Path inside the repository.
    public var path: String
    public var language: Language
    /// The file's bytes, exactly as read.
    public var bytes: [UInt8]
    /// The bytes as the index stores them (`ContentCompression`), made where the file is
    /// fingerprinted — in parallel — rather than in the single writer.
    public var storedBytes: [UInt8]
    /// The file's own license when it differs from the repository's (an SPDX header, a DEP-5 stanza).
    public var license: License?
    public var licenseOrigin: LicenseOrigin?
    /// Fingerprints and signature, from the index's `Fingerprinter`.
    public var fingerprints: FileFingerprints

    public init(
        path: String, language: Language, bytes: [UInt8], license: License? = nil,
        licenseOrigin: LicenseOrigin? = nil, fingerprints: FileFingerprints
    ) {
        self.path = path
        self.language = language
        self.bytes = bytes
        storedBytes = ContentCompression.compress(bytes)
        self.license = license
        self.licenseOrigin = licenseOrigin
        self.fingerprints = fingerprints
    }
}
