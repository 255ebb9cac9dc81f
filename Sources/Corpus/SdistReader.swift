import Foundation
import ProvenanceCore

/// Reads a Python source distribution (`.tar.gz` or `.zip`, or an already unpacked
/// folder) as one repository named `pypi:NAME` (PEP 503-normalized) at revision VERSION.
///
/// The license, in order of preference: PKG-INFO's `License-Expression`; its `License`
/// field when it is a short license name or, failing that, a license text; its
/// unambiguous `License ::` classifiers; the package's license files (root LICENSE-like
/// files and `License-File` entries); an ambiguous classifier's usual meaning (Apache
/// Software License → Apache-2.0). Several classifiers are joined with `AND`: PyPI does
/// not say whether they are alternatives, so the reading that never understates
/// obligations is taken. The repository URL comes from `Project-URL` (Source,
/// Repository, Homepage…) or `Home-page`.
///
/// The archive is extracted into a temporary folder (`ArchiveExtractor`) that is
/// removed when the reader is released or `close()` is called.
public final class SdistReader: CorpusReader {
    public let repository: CorpusRepository
    public let metadata: PythonPackageMetadata
    private let directory: DirectoryReader
    private var extracted: TemporaryFolder?

    public var summary: CorpusReadSummary { directory.summary }

    /// - Parameters:
    ///   - path: a `.tar.gz`, `.tgz`, `.zip` or a folder holding `PKG-INFO`.
    ///   - includeVendored, maxFileSize: as in `DirectoryReader.Options`.
    public init(path: String, includeVendored: Bool = false, maxFileSize: Int = 1 << 20) throws {
        let root: URL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            root = URL(fileURLWithPath: path)
        } else {
            let folder = try ArchiveExtractor.extract(path)
            extracted = folder
            root = ArchiveExtractor.contentRoot(of: folder)
        }
        let metadataURL = try Self.findMetadata(in: root, archive: path)
        let text = String(decoding: try Data(contentsOf: metadataURL), as: UTF8.self)
        metadata = try PythonPackageMetadata(parsing: text, path: path + ":PKG-INFO")
        let (license, origin) = Self.license(for: metadata, root: root)
        repository = CorpusRepository(
            name: "pypi:" + metadata.normalizedName, url: metadata.sourceURL, license: license,
            licenseOrigin: origin, revision: metadata.version, sourceKind: .sdist)
        directory = DirectoryReader(
            root: root, repository: repository, includeVendored: includeVendored, maxFileSize: maxFileSize)
    }

    public func next() throws -> CorpusDocument? { try directory.next() }

    /// Removes the extracted files now rather than when the reader is released.
    public func close() {
        extracted?.remove()
        extracted = nil
    }

    private static func findMetadata(in root: URL, archive: String) throws -> URL {
        let direct = root.appendingPathComponent("PKG-INFO")
        if FileManager.default.fileExists(atPath: direct.path) { return direct }
        // Some sdists keep it only in an .egg-info folder, at the root or under src/.
        for base in [root, root.appendingPathComponent("src")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".egg-info") {
                let candidate = base.appendingPathComponent(name).appendingPathComponent("PKG-INFO")
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
        }
        throw CorpusError(.badArchive, path: archive, "no PKG-INFO: not a Python sdist")
    }

    static func license(
        for metadata: PythonPackageMetadata, root: URL, detector: LicenseDetector = .standard
    ) -> (License, LicenseOrigin) {
        if let expression = metadata.licenseExpression { return (License(expression), .packageMetadata) }
        if let field = metadata.license {
            if let expression = PythonLicenseNames.expression(forShortName: field) {
                return (License(expression), .packageMetadata)
            }
            if let match = detector.identify(field) { return (License(match.identifier), .packageMetadata) }
        }
        let licenseClassifiers = metadata.classifiers.filter { $0.hasPrefix("License ::") }
        let mapped = licenseClassifiers.map(PythonLicenseNames.identifier(forClassifier:))
        if !mapped.isEmpty, mapped.allSatisfy({ $0 != nil }), !ambiguous(licenseClassifiers) {
            return (RepositoryLicense.combine(mapped.compactMap { $0 }), .packageMetadata)
        }
        let files = licenseFiles(metadata: metadata, root: root, detector: detector)
        if files.license.isKnown { return (files.license, .licenseFile) }
        let usual = mapped.compactMap { $0 }
        if !usual.isEmpty { return (RepositoryLicense.combine(usual), .packageMetadata) }
        return (.unknown, .none)
    }

    /// Classifiers that name a family rather than one license: their files decide.
    private static func ambiguous(_ classifiers: [String]) -> Bool {
        classifiers.contains { $0.hasSuffix(":: Apache Software License") }
    }

    private static func licenseFiles(
        metadata: PythonPackageMetadata, root: URL, detector: LicenseDetector
    ) -> RepositoryLicense {
        var found = RepositoryLicense.detect(root: root, detector: detector)
        var identifiers = found.license.identifiers
        for file in metadata.licenseFiles where !found.files.contains(file) {
            let url = root.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: url), data.count <= 1 << 20 else { continue }
            found.files.append(file)
            if let match = detector.identify(String(decoding: data, as: UTF8.self)) { identifiers.append(match.identifier) }
        }
        found.license = RepositoryLicense.combine(identifiers)
        found.origin = found.license.isKnown ? .licenseFile : .none
        return found
    }
}
