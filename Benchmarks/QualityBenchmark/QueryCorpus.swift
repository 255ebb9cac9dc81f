import CodeLexing
import Foundation
import IndexStore
import ProvenanceCore
import ProvenanceTestSupport

/// Host code for queries: real files from projects that are not in the index, cut
/// into 100-line chunks. Pure chunks are the negatives; copies are embedded in others.
struct HostCorpus {
    struct Chunk {
        let language: Language
        let lines: [String]
    }

    static let languages: [Language] = [.python, .java, .javascript]
    let chunks: [Language: [Chunk]]

    init(folder: String, chunkLines: Int = 100) throws {
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw BenchmarkError("cannot read the negatives folder \(folder); run Benchmarks/fetch-corpus.sh Benchmarks/quality.manifest")
        }
        var chunks: [Language: [Chunk]] = [:]
        for case let relative as String in walker {
            let language = Language(path: relative)
            guard Self.languages.contains(language),
                  let data = FileManager.default.contents(atPath: folder + "/" + relative),
                  let text = String(data: data, encoding: .utf8)
            else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Minified or generated files are not code anyone writes; the corpus skips them too.
            guard lines.count >= chunkLines, data.count / lines.count < 200 else { continue }
            for start in stride(from: 0, to: lines.count - chunkLines + 1, by: chunkLines) {
                chunks[language, default: []].append(Chunk(language: language, lines: Array(lines[start..<start + chunkLines])))
            }
        }
        guard Self.languages.allSatisfy({ !(chunks[$0] ?? []).isEmpty }) else {
            throw BenchmarkError("the negatives folder \(folder) lacks Python, Java or JavaScript files of 100 lines")
        }
        self.chunks = chunks
    }
}

/// A span of an indexed corpus file: what a query copies.
struct CorpusSpan {
    let file: StoredFile
    let language: Language
    let text: String
    let lines: Int
    let tokens: Int
}

/// Picks spans of indexed files at random: whole lines, starting and ending outside
/// any multi-line token, so a span is what someone copying whole lines would take.
struct CorpusSampler {
    let index: IndexReader
    let fileIDs: [Int64]

    init(index: IndexReader) throws {
        self.index = index
        fileIDs = try index.fileIDs(languages: HostCorpus.languages)
        guard !fileIDs.isEmpty else { throw BenchmarkError("the index has no Python, Java or JavaScript files") }
    }

    /// A span of `lines` lines (fewer if the file is shorter) from a random file of `language`.
    func span(lines wanted: ClosedRange<Int>, language: Language?, using random: inout SeededGenerator) throws -> CorpusSpan? {
        guard let file = try index.file(id: fileIDs.randomElement(using: &random)!),
              let content = try index.content(id: file.contentID),
              language == nil || content.language == language
        else { return nil }
        let tokens = content.language.lexer.tokens(in: content.bytes)
        var lineStarts = [0]
        for (offset, byte) in content.bytes.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
        // A line start inside a token (a multi-line string) cannot begin or end a span.
        var inside = Set<Int>()
        for token in tokens where content.bytes[token.range].contains(0x0A) {
            let first = Int(token.line)
            let newlines = content.bytes[token.range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            for line in first..<(first + newlines) { inside.insert(line) }  // 0-based index of the next line start
        }
        let count = min(Int.random(in: wanted, using: &random), lineStarts.count - 1)
        guard count >= wanted.lowerBound else { return nil }
        let start = Int.random(in: 0...(lineStarts.count - 1 - count), using: &random)
        guard !inside.contains(start), !inside.contains(start + count) else { return nil }
        let end = start + count < lineStarts.count ? lineStarts[start + count] : content.bytes.count
        let bytes = Array(content.bytes[lineStarts[start]..<end])
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        // Not starting or ending inside a comment either: alone, the span lexes as the file did.
        let inFile = tokens.filter { $0.start >= lineStarts[start] && $0.end <= end }.count
        let alone = content.language.lexer.tokens(in: bytes).count
        guard alone == inFile else { return nil }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return CorpusSpan(file: file, language: content.language, text: body, lines: count, tokens: alone)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
