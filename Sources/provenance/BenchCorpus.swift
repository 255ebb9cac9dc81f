import Foundation
import ProvenanceCore

/// The source files of a benchmark corpus, read into memory once.
struct BenchCorpus {
    struct File {
        let language: Language
        let bytes: [UInt8]
    }

    let files: [File]

    /// Reads every file under `folder` whose extension names a known language.
    init(folder: String) throws {
        let root = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw CommandFailure("cannot read corpus folder \(folder)") }
        var files: [File] = []
        for case let url as URL in walker {
            guard let language = Language(fileExtension: url.pathExtension),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            files.append(File(language: language, bytes: Array(data)))
        }
        guard !files.isEmpty else {
            throw CommandFailure("no source files under \(folder); fetch a corpus with Benchmarks/fetch-corpus.sh")
        }
        self.files = files
    }

    var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    /// Files and megabytes per language, largest first.
    var summary: String {
        let byLanguage = Dictionary(grouping: files, by: \.language)
            .map { (language: $0.key, files: $0.value.count, bytes: $0.value.reduce(0) { $0 + $1.bytes.count }) }
            .sorted { $0.bytes > $1.bytes }
        let parts = byLanguage.map { String(format: "%@ %d files %.1f MB", $0.language.rawValue, $0.files, Double($0.bytes) / 1e6) }
        return String(format: "%d files, %.1f MB (", files.count, Double(totalBytes) / 1e6) + parts.joined(separator: ", ") + ")"
    }
}
