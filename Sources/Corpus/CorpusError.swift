/// Everything that can go wrong while reading a corpus, with the place it went wrong.
///
/// Bad input and I/O failures throw a `CorpusError`; its `description` is one line
/// that names the file and, for line-oriented input, the 1-based line number:
///
/// ```
/// data.jsonl.gz:17: malformed row: "content" is missing
/// ```
public struct CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in kinds a caller may branch on.
    public enum Reason: String, Sendable, Equatable {
        /// A Stack row that is not valid JSON, lacks `content`, or has a column of the wrong type.
        case malformedRow = "malformed row"
        /// Input that ends in the middle of a line, a gzip member or a zstd frame.
        case truncatedInput = "truncated input"
        /// A compressed stream the decompressor rejects.
        case corruptCompression = "corrupt compressed data"
        /// A line longer than the reader's limit (a guard against unbounded memory).
        case lineTooLong = "line too long"
        /// A file or folder that cannot be opened, read or written.
        case io = "I/O error"
        /// An archive (sdist, Debian source) that cannot be extracted or lacks what it must hold.
        case badArchive = "bad archive"
        /// Package metadata (PKG-INFO, debian/copyright, a .dsc) that cannot be parsed.
        case badMetadata = "bad metadata"
        /// A manifest line that does not parse.
        case badManifest = "bad manifest"
        /// A download that failed or did not verify.
        case fetchFailed = "fetch failed"
        /// An outside program (tar, unzip, dpkg-source, pip, apt-get) that is missing or failed.
        case toolFailed = "tool failed"
    }

    public var reason: Reason
    /// The file the problem is in, when there is one.
    public var path: String?
    /// The 1-based line number, for line-oriented input.
    public var line: Int?
    /// What exactly was wrong, in words.
    public var detail: String

    public init(_ reason: Reason, path: String? = nil, line: Int? = nil, _ detail: String) {
        self.reason = reason
        self.path = path
        self.line = line
        self.detail = detail
    }

    public var description: String {
        var place = ""
        if let path {
            place = path
            if let line { place += ":\(line)" }
            place += ": "
        } else if let line {
            place = "line \(line): "
        }
        let oneLine = detail.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(place)\(reason.rawValue): \(oneLine)"
    }
}
