import CodeLexing
import Fingerprinting
import Foundation
import IndexStore
import Matching
import ProvenanceCore
import ProvenanceTestSupport

// Matching quality and query latency on a real index. Run from a release build:
//   Benchmarks/fetch-corpus.sh Benchmarks/quality.manifest     # negatives, once
//   swift build -c release --product quality-bench
//   .build/release/quality-bench [--db Index/default.sqlite] [--negatives Benchmarks/quality/src]
//       [--spans 200] [--negative-chunks 1200] [--seed 1] [--min-tokens 50] [--show 0] [--dump DIR]
//       [--max-candidates 200] [--min-chain-seeds 2] [--shared-shape-contents 300] [--shared-shape-candidates 16] [--resident 1]
//
// Copies: spans of 3–80 whole lines of random indexed files (at least --min-tokens tokens,
// the reportable size), copied exactly, reformatted, renamed or edited, embedded at a random
// line of a 100-line chunk of code from projects NOT in the index. Recall: the copy is
// reported (a match overlaps its lines) with its source (the sampled file, or a file
// holding the same span). Short copies: 1–2 lines, never to be flagged. Negatives: pure
// 100-line chunks; every match in them is a false positive. Latency: each negative query
// timed on one thread after a warm-up pass over the same queries.

struct Options {
    var db = "Index/default.sqlite"
    var negatives = "Benchmarks/quality/src"
    var spans = 200
    var negativeChunks = 1200
    var seed: UInt64 = 1
    var minTokens = MatchOptions.default.minTokens
    var show = 0
    var dump: String?
    var maxCandidates = MatchOptions.default.maxCandidates
    var minChainSeeds = MatchOptions.default.minChainSeeds
    var sharedShapeContents = MatchOptions.default.sharedShapeContents
    var sharedShapeCandidates = MatchOptions.default.sharedShapeCandidates
    /// Whether the index's lookup tables and token digests are read into memory, as a server does.
    var resident = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value") }
            func number() throws -> Int {
                guard let number = Int(value), number >= 0 else { throw BenchmarkError("\(flag) needs a number, got '\(value)'") }
                return number
            }
            switch flag {
            case "--db": db = value
            case "--negatives": negatives = value
            case "--spans": spans = try number()
            case "--negative-chunks": negativeChunks = try number()
            case "--seed": seed = UInt64(try number())
            case "--min-tokens": minTokens = try number()
            case "--show": show = try number()
            case "--dump": dump = value
            case "--max-candidates": maxCandidates = try number()
            case "--min-chain-seeds": minChainSeeds = try number()
            case "--shared-shape-contents": sharedShapeContents = try number()
            case "--shared-shape-candidates": sharedShapeCandidates = try number()
            case "--resident": resident = try number() != 0
            default: throw BenchmarkError("unknown option \(flag)")
            }
        }
    }
}

enum CopyKind: String, CaseIterable {
    case exact, reformatted, renamed, edited

    /// The kind a correct report gives the copy.
    var expected: MatchKind {
        switch self {
        case .exact, .reformatted: .exact
        case .renamed: .renamed
        case .edited: .edited
        }
    }
}

/// A query: host lines with a copy's lines inserted at a random line where the copy
/// lexes as itself (not inside a comment or string the 100-line host chunk leaves open).
/// Nil when no place in 50 tries works (a copy that leaves something open itself).
func embed(
    _ copy: String, in hosts: [HostCorpus.Chunk], language: Language, using random: inout SeededGenerator
) -> (bytes: [UInt8], lines: LineRange)? {
    let copyLines = copy.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let lexer = language.lexer
    for _ in 0..<50 {
        let host = hosts.randomElement(using: &random)!
        let at = Int.random(in: 0...host.lines.count, using: &random)
        let parts = [host.lines[..<at].joined(separator: "\n"), copy, host.lines[at...].joined(separator: "\n")]
        let text = parts.joined(separator: "\n")
        guard lexer.tokens(in: text).count == parts.reduce(0, { $0 + lexer.tokens(in: $1).count }) else { continue }
        return (Array(text.utf8), LineRange(startLine: at + 1, endLine: at + copyLines.count))
    }
    return nil
}

func overlaps(_ a: LineRange, _ b: LineRange) -> Bool {
    a.startLine <= b.endLine && b.startLine <= a.endLine
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) * 1e-15
}

func describe(_ match: AttributedMatch) -> String {
    "query \(match.query) \(match.kind.rawValue) \(match.tokens) tokens ← \(match.source.repo)/\(match.source.path):\(match.sourceLines)"
}

func run(_ options: Options) throws {
    let index = try IndexReader(path: options.db, resident: options.resident)
    var matchOptions = MatchOptions.default
    matchOptions.minTokens = options.minTokens
    matchOptions.maxCandidates = options.maxCandidates
    matchOptions.minChainSeeds = options.minChainSeeds
    matchOptions.sharedShapeContents = options.sharedShapeContents
    matchOptions.sharedShapeCandidates = options.sharedShapeCandidates
    let matcher = Matcher(index: index, options: matchOptions)
    let hosts = try HostCorpus(folder: options.negatives)
    let sampler = try CorpusSampler(index: index)
    var random = SeededGenerator(seed: options.seed)
    let clock = ContinuousClock()
    print("index \(options.db): \(sampler.fileIDs.count) Python, Java and JavaScript files; min-tokens \(options.minTokens)")
    print("negatives \(options.negatives): " + HostCorpus.languages.map { "\($0.rawValue) \(hosts.chunks[$0]!.count) chunks" }.joined(separator: ", "))

    // Copies of each kind.
    print("\ncopies of 3–80 lines (\(options.spans) per kind), embedded in 100-line chunks of unindexed code")
    print("(rejected: spans under min-tokens; copies the transformation or embedding could not make):")
    print("kind          recall  right-source  kind-agrees  line-coverage  other-matches  common-misses  recall-without-common  (rejected: short, not made)")
    var positiveLatencies: [Double] = []
    for kind in CopyKind.allCases {
        var made = 0, found = 0, rightSource = 0, kindAgrees = 0, otherMatches = 0, short = 0, untransformable = 0, shown = 0
        var commonMisses = 0
        var coverage = 0.0
        while made < options.spans {
            guard let span = try sampler.span(lines: 3...80, language: nil, using: &random) else { continue }
            guard span.tokens >= options.minTokens else { short += 1; continue }
            var transformer = SpanTransformer(language: span.language, random: SeededGenerator(seed: random.next()))
            let copy: String? = switch kind {
            case .exact: span.text
            case .reformatted: transformer.reformat(span.text)
            case .renamed: transformer.rename(span.text)
            case .edited: transformer.edit(span.text)
            }
            guard let copy else { untransformable += 1; continue }
            guard let query = embed(copy, in: hosts.chunks[span.language]!, language: span.language, using: &random) else {
                untransformable += 1
                continue
            }
            let start = clock.now
            let report = try matcher.match(query.bytes, language: span.language)
            positiveLatencies.append(milliseconds(clock.now - start))
            made += 1
            let hitting = report.matches.filter { overlaps($0.query, query.lines) }
            otherMatches += report.matches.count - hitting.count
            if !hitting.isEmpty { found += 1 }
            if hitting.contains(where: { $0.source.contentID == span.file.contentID || $0.alsoIn > 0 }) { rightSource += 1 }
            if hitting.contains(where: { $0.kind == kind.expected }) { kindAgrees += 1 }
            let covered = Set(hitting.flatMap { max($0.query.startLine, query.lines.startLine)...min($0.query.endLine, query.lines.endLine) })
            coverage += Double(covered.count) / Double(query.lines.count)
            // A copy whose lines the index calls common code (its fingerprints are in more
            // than the common cap of files) is not attributable by design.
            let commonLines = Set(report.common.flatMap { max($0.query.startLine, query.lines.startLine)...max(min($0.query.endLine, query.lines.endLine), max($0.query.startLine, query.lines.startLine)) })
            let commonMiss = hitting.isEmpty && commonLines.count * 2 >= query.lines.count
            if commonMiss { commonMisses += 1 }
            if hitting.isEmpty && shown < options.show {
                shown += 1
                let copyBytes = Array(copy.utf8)
                var evidence = ""
                for view in TokenView.allCases {
                    let hashes = copyBytes.withUnsafeBufferPointer { buffer in
                        index.fingerprinter.kgramHashes(of: span.language.lexer.tokens(in: buffer), in: buffer, view: view)
                    }
                    let common = try index.commonHashes(among: hashes, view: view)
                    let hits = try index.hits(for: hashes, view: view)
                    let own = hits.filter { $0.contentID == span.file.contentID }
                    evidence += " \(view): \(hashes.count) k-grams, \(common.count) common, \(own.count) own hits, \(Set(hits.map(\.contentID)).count) contents;"
                }
                if let folder = options.dump {
                    // The query as `provenance check` would read it, named after the miss.
                    let name = "\(kind.rawValue)-\(shown)-lines-\(query.lines.startLine)-\(query.lines.endLine).\(["python": "py", "java": "java", "javascript": "js"][span.language.rawValue] ?? "txt")"
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try Data(query.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
                }
                FileHandle.standardError.write(Data("miss (\(kind.rawValue))\(commonMiss ? " in common code" : ""):\(evidence) \(span.file.repo)/\(span.file.path), \(span.lines) lines, \(span.tokens) tokens, query lines \(query.lines); found: \(report.matches.map(describe))\n".utf8))
            }
        }
        let rate = { (count: Int) in String(format: "%.3f", Double(count) / Double(made)) }
        print(kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            + "  \(rate(found))   \(rate(rightSource))         \(rate(kindAgrees))        \(String(format: "%.3f", coverage / Double(made)))          \(otherMatches)              \(commonMisses)              "
            + String(format: "%.3f", Double(found) / Double(max(1, made - commonMisses)))
            + "                  (\(short), \(untransformable))")
    }

    // Short copies: never flagged.
    var shortCopies = 0, shortFlagged = 0, shortLong = 0
    while shortCopies < options.spans {
        guard let span = try sampler.span(lines: 1...2, language: nil, using: &random), span.tokens >= 8 else { continue }
        guard let query = embed(span.text, in: hosts.chunks[span.language]!, language: span.language, using: &random) else { continue }
        let report = try matcher.match(query.bytes, language: span.language)
        shortCopies += 1
        if span.tokens >= options.minTokens { shortLong += 1 }
        if let flagged = report.matches.first(where: { overlaps($0.query, query.lines) }) {
            shortFlagged += 1
            FileHandle.standardError.write(Data("short copy flagged: \(span.tokens) tokens; \(describe(flagged))\n".utf8))
        }
    }
    print("\n1–2 line copies (at least 8 tokens): \(shortFlagged) of \(shortCopies) flagged (\(shortLong) of them had \(options.minTokens)+ tokens)")

    // Pure negatives: false positives and latency.
    let perLanguage = options.negativeChunks / HostCorpus.languages.count
    let negatives = HostCorpus.languages.flatMap { language in
        Array(hosts.chunks[language]!.shuffled(using: &random).prefix(perLanguage))
    }
    let queries = negatives.map { (bytes: Array($0.lines.joined(separator: "\n").utf8), language: $0.language) }
    var falsePositives = 0
    for (number, query) in queries.enumerated() {
        let report = try matcher.match(query.bytes, language: query.language)  // also warms the caches
        falsePositives += report.matches.count
        for match in report.matches {
            FileHandle.standardError.write(Data("false positive in negative chunk \(number) (\(query.language.rawValue)): \(describe(match))\n".utf8))
        }
        if let folder = options.dump, !report.matches.isEmpty {
            let name = "negative-\(number).\(["python": "py", "java": "java", "javascript": "js"][query.language.rawValue] ?? "txt")"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(query.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
    }
    var latencies: [Double] = []
    for query in queries {
        let start = clock.now
        _ = try matcher.match(query.bytes, language: query.language)
        latencies.append(milliseconds(clock.now - start))
    }
    let lines = negatives.reduce(0) { $0 + $1.lines.count }
    print("\nnegatives: \(negatives.count) chunks, \(lines) lines: \(falsePositives) false positives = \(String(format: "%.2f", Double(falsePositives) * 10_000 / Double(lines))) per 10,000 lines")
    latencies.sort()
    positiveLatencies.sort()
    print(String(
        format: "latency, 100-line negative queries, warm, one thread%@: mean %.3f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        options.resident ? " (resident tables)" : "", latencies.reduce(0, +) / Double(max(latencies.count, 1)),
        percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.last ?? 0))
    print(String(format: "latency, queries with a copy (103–180 lines), first run: p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(positiveLatencies, 0.5), percentile(positiveLatencies, 0.99), positiveLatencies.last ?? 0))
}

do {
    try run(try Options(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("quality-bench: \(error)\n".utf8))
    exit(2)
}
