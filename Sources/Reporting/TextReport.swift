import Foundation
import IndexStore
import Matching
import ProvenanceCore

/// `check --format text`: one block per match with the first lines of its source.
public struct TextReport: Sendable {
    /// ANSI colour, only for a terminal.
    public var colour: Bool
    /// Source lines shown per match.
    public var excerptLines = 3

    public init(colour: Bool) {
        self.colour = colour
    }

    public func render(_ report: CheckReport, index: IndexReader) throws -> String {
        var out = ""
        for file in report.files {
            out += paint("\(file.path)", "1") + ": \(file.language), \(file.tokens) tokens, verdict \(paint(file.verdict.rawValue, colourCode(file.verdict)))\n"
            if file.matches.isEmpty && file.common.isEmpty { out += "  no copied code found\n" }
            for match in file.matches {
                out += "  lines \(match.query.startLine)-\(match.query.endLine) \(match.kind.rawValue) (\(match.tokens) tokens) "
                out += paint(match.action.rawValue, colourCode(match.action)) + "\n"
                out += "    from \(match.source.repo)/\(match.source.path):\(match.source.startLine)-\(match.source.endLine)"
                out += "  license \(match.source.license)"
                if match.alsoIn > 0 { out += "  (also in \(match.alsoIn) other files)" }
                out += "\n"
                for line in try excerpt(match.source, index: index) { out += paint("    | " + line, "2") + "\n" }
                if let why = match.explanation {
                    out += "    why: \(why.exactFingerprints) exact and \(why.normalizedFingerprints) normalized fingerprints hit; "
                    out += "\(why.runs) aligned run(s), \(why.sharedTokens) shared tokens, similarity \(String(format: "%.2f", why.similarity)); "
                    out += "license from \(why.licenseOrigin.rawValue); source chosen by \(why.rule)\n"
                }
            }
            for region in file.common {
                out += "  lines \(region.startLine)-\(region.endLine) common (code in many corpus files; not attributed)\n"
            }
            for duplicate in file.nearDuplicates {
                out += "  near-duplicate of \(duplicate.repo)/\(duplicate.path) (Jaccard ≈ \(String(format: "%.2f", duplicate.estimatedJaccard)), license \(duplicate.license))\n"
            }
        }
        return out
    }

    private func excerpt(_ source: FileReport.Source, index: IndexReader) throws -> [String] {
        guard let file = try index.file(id: source.fileId), let content = try index.content(id: file.contentID) else { return [] }
        let lines = String(decoding: content.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = source.startLine - 1
        let last = min(source.endLine, source.startLine + excerptLines - 1, lines.count)
        guard first < last else { return [] }
        return lines[first..<last].map(String.init)
    }

    private func colourCode(_ action: PolicyAction) -> String {
        switch action {
        case .allow: "32"
        case .annotate: "33"
        case .block: "31"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
