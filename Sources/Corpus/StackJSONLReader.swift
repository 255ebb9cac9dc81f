import Foundation
import ProvenanceCore

/// Reads Stack-format JSON Lines (plain, gzip or zstd, told by the file's magic bytes),
/// one document per row, in constant memory.
///
/// Columns (DESIGN.md): `content` (required); `max_stars_repo_name` or `repo_name`;
/// `max_stars_repo_path` or `path`; `max_stars_repo_licenses`, `license` or `licenses`
/// (a JSON list or a string); `lang`; `max_stars_count`; `hexsha`. Other columns are ignored.
///
/// Several licenses in one row become an `AND` expression: The Stack lists every
/// license its detector found in the repository, not a choice among them, and a
/// compliance tool must not understate obligations. (The Stack itself admitted a repo
/// only when every detected license was permissive, the same conjunctive reading.)
///
/// A malformed row (invalid JSON, missing `content`, a column of the wrong type, a
/// truncated last line) throws a `CorpusError` naming the file and 1-based line; with
/// `skipBad` it is counted in `summary` instead.
public final class StackJSONLReader: CorpusReader {
    /// How to read.
    public struct Options: Sendable {
        /// Count and skip malformed rows instead of throwing.
        public var skipBad: Bool
        /// The longest line accepted; longer ones throw `lineTooLong` (even with `skipBad`:
        /// memory is what is at stake).
        public var maxLineLength: Int
        /// Decompression and read chunk size.
        public var chunkSize: Int

        public init(skipBad: Bool = false, maxLineLength: Int = 256 << 20, chunkSize: Int = 1 << 20) {
            self.skipBad = skipBad
            self.maxLineLength = maxLineLength
            self.chunkSize = chunkSize
        }
    }

    /// The file being read, as given.
    public let path: String
    public let options: Options
    public private(set) var summary = CorpusReadSummary()
    private let lines: LineSplitter
    /// The repository name for rows that have none: the file's name, so such rows stay traceable.
    private let fallbackRepositoryName: String

    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        let source = try FileByteSource.opening(path: path, chunkSize: options.chunkSize)
        lines = LineSplitter(source: source, path: path, maxLineLength: options.maxLineLength)
        fallbackRepositoryName = "jsonl:" + (path.split(separator: "/").last.map(String.init) ?? path)
    }

    public func next() throws -> CorpusDocument? {
        while let line = try lines.nextLine() {
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let document = try parse(line)
                summary.countDocument(document)
                return document
            } catch let error as CorpusError where error.reason == .malformedRow && options.skipBad {
                summary.skipBadRow(error)
            }
        }
        return nil
    }

    // MARK: - Rows

    private func parse(_ line: LineSplitter.Line) throws -> CorpusDocument {
        let place = RowPlace(path: path, line: line.number, terminated: line.terminated)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.bytes))
        } catch {
            throw place.malformed("invalid JSON")
        }
        guard let row = object as? [String: Any] else { throw place.malformed("not a JSON object") }
        let fields = RowFields(row: row, place: place)

        guard let content = try fields.string("content") else { throw place.malformed("\"content\" is missing") }
        let repositoryName = try fields.string("max_stars_repo_name", "repo_name") ?? fallbackRepositoryName
        let path = try fields.string("max_stars_repo_path", "path") ?? "line-\(line.number)"
        let licenses = try fields.stringList("max_stars_repo_licenses", "license", "licenses")
        let languageName = try fields.string("lang")
        let language = languageName.flatMap { Language(name: $0) } ?? Language(path: path)
        let license = Self.license(fromDetected: licenses)
        let repository = CorpusRepository(
            name: repositoryName, license: license, licenseOrigin: .datasetColumn,
            stars: try fields.integer("max_stars_count"), sourceKind: .stackJSONL)
        return CorpusDocument(
            repository: repository, path: path, language: language, bytes: Array(content.utf8),
            contentSHA: try fields.string("hexsha"))
    }

    /// One SPDX expression for a row's detected licenses: the one, or all of them joined by `AND`.
    static func license(fromDetected identifiers: [String]) -> License {
        var seen = Set<String>()
        let unique = identifiers
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        guard unique.count > 1 else { return License(unique.first) }
        return License(unique.map { $0.contains(" ") ? "(\($0))" : $0 }.joined(separator: " AND "))
    }
}

/// Where a row is, for its errors.
private struct RowPlace {
    let path: String
    let line: Int
    let terminated: Bool

    func malformed(_ detail: String) -> CorpusError {
        let truncated = terminated ? "" : " (the last line has no newline: truncated?)"
        return CorpusError(.malformedRow, path: path, line: line, detail + truncated)
    }
}

/// Typed access to a row's columns, taking the first present alias; `null` counts as absent.
private struct RowFields {
    let row: [String: Any]
    let place: RowPlace

    private func error(_ detail: String) -> CorpusError { place.malformed(detail) }

    private func value(_ keys: [String]) -> (key: String, value: Any)? {
        for key in keys {
            if let value = row[key], !(value is NSNull) { return (key, value) }
        }
        return nil
    }

    func string(_ keys: String...) throws -> String? {
        guard let (key, value) = value(keys) else { return nil }
        guard let string = value as? String else { throw error("\"\(key)\" is not a string") }
        return string
    }

    func stringList(_ keys: String...) throws -> [String] {
        guard let (key, value) = value(keys) else { return [] }
        if let string = value as? String { return [string] }
        guard let list = value as? [Any] else { throw error("\"\(key)\" is neither a string nor a list") }
        return try list.map { element in
            guard let string = element as? String else { throw error("\"\(key)\" holds a non-string") }
            return string
        }
    }

    func integer(_ keys: String...) throws -> Int? {
        guard let (key, value) = value(keys) else { return nil }
        if value is Bool { throw error("\"\(key)\" is not a number") }
        if let number = value as? Int { return number }
        if let number = value as? Double, let whole = Int(exactly: number.rounded()) { return whole }
        throw error("\"\(key)\" is not a number")
    }
}
