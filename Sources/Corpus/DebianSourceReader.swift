import Foundation
import ProvenanceCore

/// Reads a Debian source package — a `.dsc` (extracted with `dpkg-source -x`) or an
/// already extracted tree holding `debian/` — as one repository named `debian:SOURCE`
/// at the package version.
///
/// Licenses come from `debian/copyright` when it is machine-readable (DEP-5): the `*`
/// stanza's license is the repository's, and each file takes its last matching
/// stanza's license when that differs. Otherwise the tree's license files decide.
/// Files under `debian/` are packaging, not the package's source, and are skipped.
public final class DebianSourceReader: CorpusReader {
    public let repository: CorpusRepository
    /// The parsed `debian/copyright`, when it is DEP-5.
    public let copyright: DebianCopyright?
    private let directory: DirectoryReader
    private var extracted: TemporaryFolder?

    public var summary: CorpusReadSummary { directory.summary }

    /// - Parameter path: a `.dsc` file (its tarballs beside it) or a folder holding `debian/`.
    public init(path: String, includeVendored: Bool = false, maxFileSize: Int = 1 << 20) throws {
        let root: URL
        var dscFields: Deb822.Paragraph?
        if path.hasSuffix(".dsc") {
            let text = try Self.readText(path)
            dscFields = try Deb822(parsing: text, path: path).paragraphs.first
            let folder = try ArchiveExtractor.extract(path)
            extracted = folder
            root = folder.url.appendingPathComponent("x")
        } else {
            root = URL(fileURLWithPath: path)
            try DirectoryReader.checkFolder(root)
        }
        let debian = root.appendingPathComponent("debian")
        let changelog = try? Self.readText(debian.appendingPathComponent("changelog").path)
        let fromChangelog = changelog.flatMap(Self.parseChangelogHead)
        guard let source = dscFields?["Source"] ?? fromChangelog?.source else {
            throw CorpusError(.badArchive, path: path, "no source name: neither a .dsc nor debian/changelog names it")
        }
        let version = dscFields?["Version"] ?? fromChangelog?.version

        let copyrightPath = debian.appendingPathComponent("copyright").path
        copyright = try (try? Self.readText(copyrightPath)).flatMap { try DebianCopyright(parsing: $0, path: copyrightPath) }
        let license: License
        let origin: LicenseOrigin
        if let copyright, copyright.packageLicense.isKnown {
            (license, origin) = (copyright.packageLicense, .debianCopyright)
        } else {
            let files = RepositoryLicense.detect(root: root)
            (license, origin) = (files.license, files.origin)
        }
        repository = CorpusRepository(
            name: "debian:" + source, url: copyright?.upstreamURL, license: license, licenseOrigin: origin,
            revision: version, sourceKind: .debian)
        let stanzas = copyright
        directory = DirectoryReader(
            root: root, repository: repository, includeVendored: includeVendored, maxFileSize: maxFileSize,
            excludedPrefixes: ["debian"],
            fileLicense: { path in stanzas?.license(for: path).map { ($0, .debianCopyright) } })
    }

    public func next() throws -> CorpusDocument? { try directory.next() }

    /// Removes the extracted files now rather than when the reader is released.
    public func close() {
        extracted?.remove()
        extracted = nil
    }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CorpusError(.io, path: path, "cannot read the file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `six (1.16.0-4) unstable; urgency=medium` → ("six", "1.16.0-4").
    static func parseChangelogHead(_ text: String) -> (source: String, version: String)? {
        guard let first = text.split(separator: "\n").first,
            let open = first.firstIndex(of: "("), let close = first.firstIndex(of: ")"), open < close
        else { return nil }
        let source = first[..<open].trimmingSpaces
        let version = first[first.index(after: open)..<close].trimmingSpaces
        return source.isEmpty || version.isEmpty ? nil : (source, version)
    }
}
