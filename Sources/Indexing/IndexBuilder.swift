import Corpus
import Dispatch
import Fingerprinting
import Foundation
import IndexStore
import ProvenanceCore

/// What loading one source did.
public struct SourceReport: Sendable, CustomStringConvertible {
    public var source: String
    /// The source was complete in an interrupted build and was skipped.
    public var resumed: Bool
    public var stored = WriteSummary()
    /// What the reader skipped, by reason (binary, generated, license-unknown, bad-row, …).
    public var read = CorpusReadSummary()
    public var seconds = 0.0

    public var description: String {
        if resumed { return "\(source): already loaded by an earlier run; skipped" }
        var text = "\(source): \(stored.files) files stored"
        var notes: [String] = []
        if stored.deduplicated > 0 { notes.append("\(stored.deduplicated) identical to files already stored") }
        if stored.duplicatePaths > 0 { notes.append("\(stored.duplicatePaths) not, at paths their repo already had") }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        if read.skippedTotal > 0 {
            text += "; skipped " + read.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        }
        return text + String(format: " in %.1f s", seconds)
    }

    /// The bad rows a `skipBad` load skipped, one line each, the first few by place.
    public var badRowLines: [String] {
        let samples = read.badRowSamples.map { "skipped \($0)" }
        let more = (read.skipped[.badRow] ?? 0) - samples.count
        return more > 0 ? samples + ["skipped \(more) more bad rows"] : samples
    }
}

/// Builds or extends an index from corpus sources: read, filter by license, lex and
/// fingerprint in parallel on every core, and store in batches.
///
/// Reading and storing run on the calling thread; fingerprinting a batch is spread
/// over all cores with `concurrentPerform`. Each source is registered with the
/// writer first, so an interrupted build resumes at the first unfinished source.
///
/// ```swift
/// let writer = try IndexWriter.build(at: "Index/default.sqlite")
/// let builder = IndexBuilder(writer: writer)
/// let report = try builder.load(.directory(path: "src", repo: "me/app", license: License("MIT")))
/// try writer.finish()
/// ```
public struct IndexBuilder {
    public let writer: IndexWriter
    public let options: IndexBuildOptions

    public init(writer: IndexWriter, options: IndexBuildOptions = IndexBuildOptions()) {
        self.writer = writer
        self.options = options
    }

    /// Reads one source into the index.
    public func load(_ source: IndexSource) throws -> SourceReport {
        let started = Date()
        let handle = try writer.beginSource(source.description)
        var report = SourceReport(source: source.description, resumed: handle.alreadyLoaded)
        guard !handle.alreadyLoaded else { return report }
        let reader = LicenseFilteredReader(try source.makeReader(options: options), filter: options.licenses)
        var batch: [CorpusDocument] = []
        var batchBytes = 0
        while let document = try reader.next() {
            batch.append(document)
            batchBytes += document.bytes.count
            if batch.count >= options.batchFiles || batchBytes >= options.batchBytes {
                try store(batch, source: handle, into: &report.stored)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
        }
        try store(batch, source: handle, into: &report.stored)
        report.read = reader.summary
        let skipped = report.read.skipped.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
        try writer.finishSource(handle, skipped: report.read.skippedTotal, report: skipped.isEmpty ? nil : skipped)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Fingerprints a batch on every core, then stores it grouped by repository.
    private func store(_ documents: [CorpusDocument], source: SourceHandle, into summary: inout WriteSummary) throws {
        guard !documents.isEmpty else { return }
        let files = Self.fingerprint(documents, with: writer.fingerprinter)
        var order: [String] = []
        var byRepo: [String: (repo: CorpusRepository, files: [IndexedFile])] = [:]
        for (document, file) in zip(documents, files) {
            let name = document.repository.name
            if byRepo[name] == nil {
                order.append(name)
                byRepo[name] = (document.repository, [])
            }
            byRepo[name]!.files.append(file)
        }
        for name in order {
            let (repo, files) = byRepo[name]!
            let stored = try writer.write(files, repo: Self.record(repo), source: source)
            summary.files += stored.files
            summary.deduplicated += stored.deduplicated
            summary.duplicatePaths += stored.duplicatePaths
        }
    }

    static func fingerprint(_ documents: [CorpusDocument], with fingerprinter: Fingerprinter) -> [IndexedFile] {
        let results = UnsafeMutableBufferPointer<IndexedFile?>.allocate(capacity: documents.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results  // each iteration writes only its own slot
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            let document = documents[index]
            slots[index] = IndexedFile(
                path: document.path, language: document.language, bytes: document.bytes,
                license: document.fileLicense, licenseOrigin: document.fileLicenseOrigin,
                fingerprints: fingerprinter.fingerprints(of: document.bytes, language: document.language))
        }
        return results.map { $0! }
    }

    static func record(_ repository: CorpusRepository) -> RepoRecord {
        RepoRecord(
            name: repository.name, url: repository.url, license: repository.license,
            licenseOrigin: repository.licenseOrigin, sourceKind: repository.sourceKind.rawValue,
            revision: repository.revision, stars: repository.stars)
    }
}
