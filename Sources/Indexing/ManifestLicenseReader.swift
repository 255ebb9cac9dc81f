import Corpus
import ProvenanceCore

/// Gives a manifest entry's declared license to documents whose archive states none.
///
/// The archive's own metadata (PKG-INFO, debian/copyright, LICENSE files) wins; the
/// manifest's `license=` is what the project publishes, checked by whoever pinned it.
final class ManifestLicenseReader: CorpusReader {
    private let base: any CorpusReader
    private let entry: CorpusManifest.Entry

    init(_ base: any CorpusReader, entry: CorpusManifest.Entry) {
        self.base = base
        self.entry = entry
    }

    var summary: CorpusReadSummary { base.summary }

    func next() throws -> CorpusDocument? {
        guard var document = try base.next() else { return nil }
        if !document.repository.license.isKnown {
            document.repository.license = entry.license
            document.repository.licenseOrigin = .declared
        }
        if document.repository.revision == nil { document.repository.revision = entry.version }
        return document
    }
}
