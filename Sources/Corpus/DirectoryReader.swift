import Foundation
import ProvenanceCore

/// Reads a folder or git checkout as one repository: every source file whose
/// extension names a known language, minus binary, generated, minified, oversized
/// and (by default) vendored files.
///
/// The repository's name comes from `Options.repositoryName`, else the checkout's
/// `origin` remote (`owner/name`), else the folder's name. Its license comes from
/// `Options.declaredLicense`, else its root license files (`RepositoryLicense`). A
/// file's `SPDX-License-Identifier:` header overrides it for that file.
///
/// ```swift
/// let reader = try DirectoryReader(root: URL(fileURLWithPath: "checkouts/flask"))
/// while let document = try reader.next() { … }
/// ```
public final class DirectoryReader: CorpusReader {
    /// How to read.
    public struct Options: Sendable {
        /// The repository's name; when `nil`, from the git remote or the folder's name.
        public var repositoryName: String?
        /// The repository's address; when `nil`, from the git remote.
        public var repositoryURL: String?
        /// A license given by the caller (`--license`), which replaces detection.
        public var declaredLicense: License?
        /// Version or commit; when `nil`, `git rev-parse HEAD` for a checkout.
        public var revision: String?
        /// Read node_modules, vendor, third_party and the like too.
        public var includeVendored: Bool
        /// Files larger than this are skipped (`tooLarge`).
        public var maxFileSize: Int
        /// Ask git for the remote and revision of a checkout.
        public var readGitMetadata: Bool

        public init(
            repositoryName: String? = nil, repositoryURL: String? = nil, declaredLicense: License? = nil,
            revision: String? = nil, includeVendored: Bool = false, maxFileSize: Int = 1 << 20,
            readGitMetadata: Bool = true
        ) {
            self.repositoryName = repositoryName
            self.repositoryURL = repositoryURL
            self.declaredLicense = declaredLicense
            self.revision = revision
            self.includeVendored = includeVendored
            self.maxFileSize = maxFileSize
            self.readGitMetadata = readGitMetadata
        }
    }

    /// A license for one file from package metadata (a DEP-5 stanza), given its relative path.
    typealias FileLicenseResolver = @Sendable (String) -> (License, LicenseOrigin)?

    /// The repository every document of this reader belongs to.
    public let repository: CorpusRepository
    public let root: URL
    private let walker: DirectoryWalker
    private let maxFileSize: Int
    private let fileLicense: FileLicenseResolver?
    private var counts = CorpusReadSummary()

    public var summary: CorpusReadSummary {
        var summary = counts
        summary.skipped.merge(walker.skipped, uniquingKeysWith: +)
        return summary
    }

    /// Reads the folder at `root`, resolving its name, address, revision and license now.
    public convenience init(root: URL, options: Options = Options()) throws {
        try Self.checkFolder(root)
        let isCheckout = GitMetadata.isCheckout(root)
        let git = isCheckout && options.readGitMetadata ? GitMetadata.read(root) : nil
        let name = options.repositoryName ?? git?.repositoryName ?? root.standardizedFileURL.lastPathComponent
        let license: License
        let origin: LicenseOrigin
        if let declared = options.declaredLicense, declared.isKnown {
            (license, origin) = (declared, .declared)
        } else {
            let detected = RepositoryLicense.detect(root: root)
            (license, origin) = (detected.license, detected.origin)
        }
        let repository = CorpusRepository(
            name: name, url: options.repositoryURL ?? git?.url, license: license, licenseOrigin: origin,
            revision: options.revision ?? git?.revision, sourceKind: isCheckout ? .git : .directory)
        self.init(
            root: root, repository: repository, includeVendored: options.includeVendored,
            maxFileSize: options.maxFileSize)
    }

    /// Reads the folder at `root` as `repository`, for archive readers that know it already.
    init(
        root: URL, repository: CorpusRepository, includeVendored: Bool = false, maxFileSize: Int = 1 << 20,
        excludedPrefixes: [String] = [], fileLicense: FileLicenseResolver? = nil
    ) {
        self.root = root
        self.repository = repository
        self.maxFileSize = maxFileSize
        self.fileLicense = fileLicense
        walker = DirectoryWalker(root: root, includeVendored: includeVendored, excludedPrefixes: excludedPrefixes)
    }

    static func checkFolder(_ root: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CorpusError(.io, path: root.path, "not a folder") }
    }

    public func next() throws -> CorpusDocument? {
        while let entry = walker.next() {
            let language = Language(path: entry.relativePath)
            guard language != .other else {
                counts.skip(.unknownLanguage)
                continue
            }
            guard entry.size <= maxFileSize else {
                counts.skip(.tooLarge)
                continue
            }
            guard let data = try? Data(contentsOf: entry.url) else {
                counts.skip(.unreadable)
                continue
            }
            let bytes = [UInt8](data)
            let name = entry.url.lastPathComponent
            if let reason = SourceFileClassifier.rejection(name: name, bytes: bytes) {
                counts.skip(reason)
                continue
            }
            let document = makeDocument(path: entry.relativePath, language: language, bytes: bytes)
            counts.countDocument(document)
            return document
        }
        return nil
    }

    /// The file's own license wins over package metadata: it is the author's statement
    /// for that very file. Either is recorded only when it differs from the repository's.
    private func makeDocument(path: String, language: Language, bytes: [UInt8]) -> CorpusDocument {
        var own: (License, LicenseOrigin)?
        if let header = SPDXHeader.license(in: bytes) {
            own = (header, .spdxHeader)
        } else if let resolved = fileLicense?(path) {
            own = resolved
        }
        if let current = own, current.0 == repository.license { own = nil }
        return CorpusDocument(
            repository: repository, path: path, language: language, bytes: bytes, fileLicense: own?.0,
            fileLicenseOrigin: own?.1)
    }
}
