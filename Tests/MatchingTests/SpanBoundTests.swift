import CodeLexing
import Fingerprinting
import Foundation
import IndexStore
@testable import Matching
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// The bound that lets a server skip reading candidates: it must never be below what verifying finds.
struct SpanBoundTests {
    static let fingerprinter = Fingerprinter(parameters: .default)
    static let options = MatchOptions.default

    static func document(_ code: String) -> LexedDocument {
        LexedDocument(bytes: Array(code.utf8), language: .python, hasher: fingerprinter.tokenHasher)
    }

    static func digests(_ document: LexedDocument) -> [UInt16] {
        zip(document.symbols(.exact), document.symbols(.normalized)).map(TokenDigests.digest)
    }

    /// Every (query, source) pair of positions whose k-grams agree in a view: the seeds of a
    /// query that hit every k-gram of the source, not only its winnowed ones.
    static func seeds(query: LexedDocument, source: LexedDocument) -> [(Int, Int)] {
        TokenView.allCases.flatMap { view in
            let stored = fingerprinter.kgramHashes(exact: source.symbols(.exact), normalized: source.symbols(.normalized), view: view)
            var positions: [UInt64: [Int]] = [:]
            for (position, hash) in stored.enumerated() { positions[hash, default: []].append(position) }
            return fingerprinter.kgramHashes(exact: query.symbols(.exact), normalized: query.symbols(.normalized), view: view)
                .enumerated().flatMap { q, hash in (positions[hash] ?? []).map { (q, $0) } }
        }
    }

    /// The tokens a span counts toward `minTokens` (`ReportableSpans`).
    static func tokens(_ span: AlignedSpan) -> Int {
        span.kind == .edited ? span.sharedTokens : span.query.count
    }

    /// A copy of `lines` with an operator changed on every `every`th line and a line
    /// inserted after every `2 * every`: runs broken in both views, on shifted diagonals.
    static func edited(_ lines: [String], every: Int, generator: inout CodeGenerator) -> String {
        var copy: [String] = []
        for (index, line) in lines.enumerated() {
            copy.append(index % every == every - 1 ? line.replacingOccurrences(of: " * ", with: " / ").replacingOccurrences(of: " + ", with: " - ") : line)
            if index % (2 * every) == every { copy.append("    \(generator.identifier()) = \(generator.identifier())()") }
        }
        return copy.joined(separator: "\n") + "\n"
    }

    @Test("the bound is at least every span the aligner finds from the same seeds, edited chains included")
    func neverBelowAlignment() {
        var generator = CodeGenerator(seed: 77)
        let aligner = SpanAligner(options: Self.options)
        let bound = SpanBound(maxGap: Self.options.maxGap)
        var chains = 0, shortRunChains = 0
        for round in 0..<40 {
            let source = Self.document(generator.pythonModule(functions: 4))
            let lines = String(decoding: source.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            let start = round % max(1, lines.count - 30)
            let copied = Array(lines[start..<min(lines.count, start + 30)])
            let query = Self.document(
                generator.pythonFunction(statements: 3) + Self.edited(copied, every: 2 + round % 5, generator: &generator)
                    + generator.pythonFunction(statements: 3))
            let seeds = Self.seeds(query: query, source: source)
            let spans = aligner.spans(query: query, source: source, seeds: seeds)
            let found = spans.map(Self.tokens).max() ?? 0
            // Digests from an offset slice, as the resident table hands them out.
            let padded = [UInt16](repeating: 0, count: 5) + Self.digests(source)
            let longest = bound.longestSpan(query: Self.digests(query), source: padded[5...], seeds: seeds)
            #expect(longest >= found, "round \(round): bound \(longest) below a span of \(found) tokens")
            for span in spans where span.kind == .edited {
                chains += 1
                if span.sharedTokens >= Self.options.minTokens, span.runs > 1 { shortRunChains += 1 }
            }
        }
        #expect(chains >= 10 && shortRunChains >= 5, "edited chains were exercised: \(chains), \(shortRunChains)")
    }

    @Test("a file sharing only short fragments with the query is bounded below the reportable length, a copy is not")
    func rejectsFragments() {
        var generator = CodeGenerator(seed: 5)
        let bound = SpanBound(maxGap: Self.options.maxGap)
        let module = generator.pythonModule(functions: 6)
        let source = Self.document(module)
        let lines = module.split(separator: "\n").map(String.init)
        // Code of other shapes around two lines of the file, then around eight of them.
        let host = [
            "class Registry:", "    def __init__(self, *entries):", "        self.entries = {e.name: e for e in entries}",
            "    @property", "    def names(self):", "        with open(self.path) as handle:",
            "            return sorted(handle.read().split())", "",
        ]
        func query(_ copied: [String]) -> LexedDocument {
            Self.document((host + copied + host.reversed() + copied.reversed()).joined(separator: "\n") + "\n")
        }
        let pair = lines.indices.dropLast().first { lines[$0].hasPrefix("    ") && lines[$0 + 1].hasPrefix("    ") }!
        let fragments = query(Array(lines[pair...(pair + 1)]))
        let fragmentSeeds = Self.seeds(query: fragments, source: source)
        #expect(!fragmentSeeds.isEmpty)
        #expect(bound.longestSpan(query: Self.digests(fragments), source: Self.digests(source)[...], seeds: fragmentSeeds) < Self.options.minTokens)

        let copy = query(Array(lines[1..<9]))
        let copySeeds = Self.seeds(query: copy, source: source)
        #expect(bound.longestSpan(query: Self.digests(copy), source: Self.digests(source)[...], seeds: copySeeds) >= Self.options.minTokens)
    }
}
