/// A read-only view of another reader that passes on only the documents a
/// `LicenseFilter` admits and counts the others in its summary.
public final class LicenseFilteredReader: CorpusReader {
    private let base: any CorpusReader
    public let filter: LicenseFilter
    private var excluded = CorpusReadSummary()

    public init(_ base: any CorpusReader, filter: LicenseFilter) {
        self.base = base
        self.filter = filter
    }

    /// The base reader's counts, less the excluded documents, plus why they were excluded.
    public var summary: CorpusReadSummary {
        var summary = base.summary
        summary.documents -= excluded.documents
        summary.bytes -= excluded.bytes
        summary.skipped.merge(excluded.skipped, uniquingKeysWith: +)
        return summary
    }

    public func next() throws -> CorpusDocument? {
        while let document = try base.next() {
            guard let reason = filter.rejection(of: document) else { return document }
            excluded.countDocument(document)
            excluded.skip(reason)
        }
        return nil
    }
}
