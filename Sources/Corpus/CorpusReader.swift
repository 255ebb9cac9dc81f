/// A pull-based stream of corpus documents: each call to `next()` reads just enough
/// input for one document, so a reader holds one document (and one input chunk) at a time.
///
/// Readers are single-use and not thread-safe; drive one from one task. Errors are
/// `CorpusError`s naming the file (and line, for JSONL).
///
/// ```swift
/// let reader: any CorpusReader = try DirectoryReader(root: checkout)
/// while let document = try reader.next() { … }
/// print(reader.summary)
/// ```
public protocol CorpusReader: AnyObject {
    /// The next document, or `nil` when the input is exhausted.
    func next() throws -> CorpusDocument?
    /// What was read and what was skipped so far.
    var summary: CorpusReadSummary { get }
}

extension CorpusReader {
    /// Reads every remaining document, calling `body` for each; returns the final summary.
    @discardableResult
    public func forEach(_ body: (CorpusDocument) throws -> Void) throws -> CorpusReadSummary {
        while let document = try next() { try body(document) }
        return summary
    }
}

/// Why a reader passed over an input file or row without yielding a document.
public enum CorpusSkipReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A malformed JSONL row, with `skipBad` on.
    case badRow = "bad-row"
    /// The extension names no known language.
    case unknownLanguage = "unknown-language"
    /// Larger than the size cap.
    case tooLarge = "too-large"
    case empty = "empty"
    /// A NUL byte early on, or too much invalid UTF-8.
    case binary = "binary"
    /// Minified, or marked as generated.
    case generated = "generated"
    /// Under node_modules, vendor, third_party (unless included).
    case vendored = "vendored"
    /// A symbolic link (never followed: the tree's own files are read under their own paths).
    case symlink = "symlink"
    /// Packaging files (`debian/`), not the package's own source.
    case packaging = "packaging"
    /// The license filter did not admit the document's license.
    case licenseNotAdmitted = "license-not-admitted"
    /// No license is known and unknown licenses are excluded.
    case licenseUnknown = "license-unknown"
    /// Unreadable (permissions, vanished meanwhile).
    case unreadable = "unreadable"
    /// Ignored by a `.gitignore` (only where a walk honours them: `check`, not indexing).
    case gitIgnored = "git-ignored"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Counts of what a reader yielded and skipped, for build reports.
public struct CorpusReadSummary: Sendable, Equatable, CustomStringConvertible {
    /// Documents yielded.
    public var documents = 0
    /// Bytes of the documents yielded.
    public var bytes = 0
    /// Files or rows skipped, by reason.
    public var skipped: [CorpusSkipReason: Int] = [:]
    /// The first few bad rows, kept so a `skipBad` build can say what it skipped.
    public var badRowSamples: [CorpusError] = []
    /// How many bad rows `badRowSamples` keeps at most.
    public static let badRowSampleLimit = 10

    public init() {}

    /// Total skipped, all reasons together.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    mutating func countDocument(_ document: CorpusDocument) {
        documents += 1
        bytes += document.bytes.count
    }

    mutating func skip(_ reason: CorpusSkipReason) { skipped[reason, default: 0] += 1 }

    mutating func skipBadRow(_ error: CorpusError) {
        skip(.badRow)
        if badRowSamples.count < Self.badRowSampleLimit { badRowSamples.append(error) }
    }

    /// Adds another summary's counts (for readers that combine several sources).
    public mutating func merge(_ other: CorpusReadSummary) {
        documents += other.documents
        bytes += other.bytes
        skipped.merge(other.skipped, uniquingKeysWith: +)
        badRowSamples = Array((badRowSamples + other.badRowSamples).prefix(Self.badRowSampleLimit))
    }

    public var description: String {
        let skips = skipped.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
        return "\(documents) documents, \(bytes) bytes" + (skips.isEmpty ? "" : "; skipped: " + skips.joined(separator: ", "))
    }
}
