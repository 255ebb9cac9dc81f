import Foundation
import ProvenanceCore

extension SARIFReport {
    /// The SARIF log of a check.
    ///
    /// - Parameters:
    ///   - contents: the bytes of checked files by report path, to give each region its
    ///     `endColumn`; a file left out gets regions that end with their last line.
    ///   - currentDirectory: the absolute folder paths are relative to; result locations
    ///     under it are written relative to `%SRCROOT%`, others as absolute `file:` URIs.
    public init(report: CheckReport, contents: [String: [UInt8]] = [:], currentDirectory: String) {
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true).standardizedFileURL
        let results = report.files.flatMap { file in
            let lines = contents[file.path].map(SourceLines.init)
            let location = Self.artifactLocation(for: file.path, base: base)
            return file.matches.map { Self.result(for: $0, at: location, lines: lines) }
        }
        let driver = ToolComponent(
            name: "provenance", informationUri: nil, semanticVersion: ProvenanceVersion.current, rules: Self.rules)
        self.init(
            schema: Self.schemaURI, version: Self.sarifVersion,
            runs: [Run(
                tool: Tool(driver: driver),
                originalUriBaseIds: [Self.sourceRoot: ArtifactLocation(uri: base.absoluteString, uriBaseId: nil)],
                columnKind: "utf16CodeUnits", results: results)])
    }

    static func result(for match: FileReport.Match, at location: ArtifactLocation, lines: SourceLines?) -> Result {
        let rule = PolicyAction.allCases.firstIndex(of: match.action)!
        let source = match.source
        let article = match.kind == .renamed ? "a" : "an"
        var text = "Lines \(match.query.startLine)-\(match.query.endLine) are \(article) \(match.kind.rawValue) copy"
        text += " (\(match.tokens) tokens) of \(source.repo) \(source.path) lines \(source.startLine)-\(source.endLine)"
        text += ", license \(source.license)"
        if match.alsoIn > 0 { text += "; also in \(match.alsoIn) other corpus file\(match.alsoIn == 1 ? "" : "s")" }
        text += ". Policy: \(match.action.rawValue)."
        if let link = source.link { text += " Source: \(link)" }
        let region = Region(
            startLine: match.query.startLine, endLine: match.query.endLine, startColumn: 1,
            endColumn: lines.flatMap { endColumn(of: match.query.endLine, in: $0) })
        return Result(
            ruleId: rules[rule].id, ruleIndex: rule, level: level(for: match.action), message: Message(text: text),
            locations: [Location(physicalLocation: PhysicalLocation(artifactLocation: location, region: region))],
            partialFingerprints: ["provenanceSpan/v1": partialFingerprint(match)],
            properties: ResultProperties(
                kind: match.kind.rawValue, tokens: match.tokens, action: match.action.rawValue, source: source,
                sourceLink: source.link, alsoIn: match.alsoIn, spanHash: match.spanHash))
    }

    /// One past the last UTF-16 code unit of `line` (invalid UTF-8 counts as U+FFFD, as it displays).
    static func endColumn(of line: Int, in lines: SourceLines) -> Int? {
        guard line >= 1, line <= lines.count else { return nil }
        return String(decoding: lines.text(of: line), as: UTF8.self).utf16.count + 1
    }

    /// A path relative to `%SRCROOT%` when it lies under `base`, else an absolute `file:` URI.
    static func artifactLocation(for path: String, base: URL) -> ArtifactLocation {
        let absolute = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL
        let root = base.path.hasSuffix("/") ? base.path : base.path + "/"
        if absolute.path.hasPrefix(root) {
            return ArtifactLocation(uri: percentEncodedPath(String(absolute.path.dropFirst(root.count))), uriBaseId: sourceRoot)
        }
        return ArtifactLocation(uri: absolute.absoluteString, uriBaseId: nil)
    }

    /// FNV-1a (64 bit) of the span's normalized-token hash and its source: the same finding
    /// keeps its fingerprint when the code moves, is reformatted or renamed.
    static func partialFingerprint(_ match: FileReport.Match) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(match.spanHash)\u{0}\(match.source.repo)\u{0}\(match.source.path)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return FileReport.hex(hash)
    }
}
