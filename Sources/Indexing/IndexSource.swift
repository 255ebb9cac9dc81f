import Corpus
import Foundation
import ProvenanceCore

/// One input of an index build: what `index build` and `index add` read.
public enum IndexSource: Sendable, Hashable, CustomStringConvertible {
    /// A Stack-format JSON Lines file (plain, .gz or .zst).
    case stackJSONL(path: String)
    /// A folder or git checkout, optionally with its repository name and declared license.
    case directory(path: String, repo: String?, license: License?)
    /// A Python sdist (.tar.gz or .zip).
    case sdist(path: String)
    /// A Debian source package (.dsc) or an extracted source tree.
    case debianSource(path: String)
    /// A fetched manifest entry; the manifest's license applies when the archive states none.
    case manifestEntry(CorpusManifest.Entry, archive: String)

    /// The key a resumed build recognises the source by.
    public var description: String {
        switch self {
        case .stackJSONL(let path): "jsonl \(Self.absolute(path))"
        case .directory(let path, let repo, _): "dir \(Self.absolute(path))" + (repo.map { " as \($0)" } ?? "")
        case .sdist(let path): "sdist \(Self.absolute(path))"
        case .debianSource(let path): "debian \(Self.absolute(path))"
        case .manifestEntry(let entry, _): "\(entry.kind.rawValue) \(entry.name) \(entry.version)"
        }
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Opens a reader over the source.
    func makeReader(options: IndexBuildOptions) throws -> any CorpusReader {
        switch self {
        case .stackJSONL(let path):
            return try StackJSONLReader(path: path, options: .init(skipBad: options.skipBad))
        case .directory(let path, let repo, let license):
            return try DirectoryReader(
                root: URL(fileURLWithPath: path),
                options: .init(
                    repositoryName: repo, declaredLicense: license, includeVendored: options.includeVendored,
                    maxFileSize: options.maxFileSize))
        case .sdist(let path):
            return try SdistReader(path: path, includeVendored: options.includeVendored, maxFileSize: options.maxFileSize)
        case .debianSource(let path):
            return try DebianSourceReader(path: path, includeVendored: options.includeVendored, maxFileSize: options.maxFileSize)
        case .manifestEntry(let entry, let archive):
            let base: any CorpusReader = entry.kind == .pypi
                ? try SdistReader(path: archive, includeVendored: options.includeVendored, maxFileSize: options.maxFileSize)
                : try DebianSourceReader(path: archive, includeVendored: options.includeVendored, maxFileSize: options.maxFileSize)
            return ManifestLicenseReader(base, entry: entry)
        }
    }
}
