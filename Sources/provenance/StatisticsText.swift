import Foundation
import IndexStore

/// The text form of `index stats`.
enum StatisticsText {
    static func render(_ stats: IndexStatistics, path: String) -> String {
        func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        var lines = [
            "index \(path): format \(stats.formatVersion), k=\(stats.k) w=\(stats.w), \(stats.permutations) MinHash permutations",
            "created \(stats.created), updated \(stats.updated)",
            "repos \(stats.repos), files \(stats.files), distinct contents \(stats.contents)",
            "bytes \(megabytes(stats.bytes)) (distinct \(megabytes(stats.contentBytes))), tokens \(stats.tokens)",
            "fingerprints \(stats.fingerprints), distinct hashes \(stats.distinctHashes), common (in > \(stats.commonCap) contents) \(stats.commonFingerprints)",
        ]
        if !stats.mostCommon.isEmpty {
            lines.append("most common fingerprints:")
            lines += stats.mostCommon.map { "  \($0.hash) \($0.view): \($0.contents) contents" }
        }
        lines.append("licenses:")
        lines += stats.licenses.map { "  \($0.name): \($0.count) files" }
        lines.append("languages:")
        lines += stats.languages.map { "  \($0.name): \($0.count) files" }
        lines.append("file size \(megabytes(stats.fileBytes)) by table:")
        lines += stats.tableBytes.map { "  \($0.name): \(megabytes($0.count))" }
        return lines.joined(separator: "\n")
    }
}
