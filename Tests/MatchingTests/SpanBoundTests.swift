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
        var chains = 0, shortRunChains = 0, reportedRounds = 0
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
            let longest = bound.reach(query: Self.digests(query), source: padded[5...], seeds: seeds, minTokens: .max).longest
            #expect(longest >= found, "round \(round): bound \(longest) below a span of \(found) tokens")
            // Counting only spans that could be reported, it is at least every reported one.
            let reportable = ReportableSpans(options: Self.options)
            let reported = spans.compactMap { reportable.reportable($0, query: query, source: source) }.map(Self.tokens).max() ?? 0
            if reported >= Self.options.minTokens {
                let reach = bound.reach(
                    query: Self.digests(query), source: padded[5...], seeds: seeds, minTokens: Self.options.minTokens
                ) { ReportableQuery(query, reportable: reportable) }
                #expect(reach.longest >= reported, "round \(round): bound \(reach.longest) below a reported span of \(reported) tokens")
                // Each seed's run is the one holding it on its diagonal; a seed whose own
                // tokens may be equal always has one (the copy's diagonals hold several runs).
                let queryDigests = Self.digests(query), sourceDigests = Self.digests(source)
                for ((q, s), seed) in zip(seeds, reach.seeds) {
                    let mayBeEqual = TokenDigests.mayBeEqual(queryDigests[q], sourceDigests[s])
                    #expect(seed.position == s && (seed.run?.contains(s) ?? !mayBeEqual), "round \(round): seed (\(q), \(s)) has run \(String(describing: seed.run))")
                }
                reportedRounds += 1
            }
            for span in spans where span.kind == .edited {
                chains += 1
                if span.sharedTokens >= Self.options.minTokens, span.runs > 1 { shortRunChains += 1 }
            }
        }
        #expect(chains >= 10 && shortRunChains >= 5, "edited chains were exercised: \(chains), \(shortRunChains)")
        #expect(reportedRounds >= 20, "spans were reported in \(reportedRounds) rounds")
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
        #expect(bound.reach(query: Self.digests(fragments), source: Self.digests(source)[...], seeds: fragmentSeeds, minTokens: .max).longest < Self.options.minTokens)

        let copy = query(Array(lines[1..<9]))
        let copySeeds = Self.seeds(query: copy, source: source)
        #expect(bound.reach(query: Self.digests(copy), source: Self.digests(source)[...], seeds: copySeeds, minTokens: .max).longest >= Self.options.minTokens)
    }

    /// A large file with a copy of `copy` in the middle and `line` repeated far apart
    /// around it, and a query of the copy, then `line` in a loop.
    static func repetitiveFile(_ generator: inout CodeGenerator, copy: String, line: String) -> (source: String, query: String) {
        var parts: [String] = []
        for number in 0..<8 {
            parts.append(generator.pythonModule(functions: 4))
            parts.append(number == 4 ? copy : "def holder_\(number)():\n" + line)
        }
        return (parts.joined(), copy + "\nwhile True:\n" + line + "    break\n")
    }

    @Test("the seeds of a copy are in reach; seeds of one shared line repeated far from it are not, and skipping their windows changes no report")
    func reachOfSeeds() throws {
        var generator = CodeGenerator(seed: 91)
        let copy = generator.pythonModule(functions: 2)
        let line = "    result = compute_total(values, offset) + adjust(limit, scale) * ratio\n"
        let (sourceCode, queryCode) = Self.repetitiveFile(&generator, copy: copy, line: line)
        let source = Self.document(sourceCode), query = Self.document(queryCode)
        let seeds = Self.seeds(query: query, source: source)
        let reach = SpanBound(maxGap: Self.options.maxGap)
            .reach(query: Self.digests(query), source: Self.digests(source)[...], seeds: seeds, minTokens: Self.options.minTokens)
        #expect(reach.longest >= Self.options.minTokens)
        #expect(reach.seeds.map(\.position) == seeds.map(\.1))
        // The copy's diagonal holds most seeds; every one of the copy's on it is in reach.
        let diagonals = Dictionary(grouping: seeds, by: { $0.1 - $0.0 })
        let copyDiagonal = diagonals.max { $0.value.count < $1.value.count }!.key
        let copyTokens = Self.document(copy).tokens.count
        let onCopy = zip(seeds, reach.seeds).filter { $0.0.1 - $0.0.0 == copyDiagonal && $0.0.0 < copyTokens - 12 }
        #expect(onCopy.count >= 10 && onCopy.allSatisfy { $0.1.reaching })
        // The query's loop line is in the file seven times, each alone: never in reach.
        let lineStart = query.tokens.count - Self.document(line + "    break\n").tokens.count
        let onLine = zip(seeds, reach.seeds).filter { $0.0.0 >= lineStart }
        #expect(onLine.count >= 7 && onLine.allSatisfy { !$0.1.reaching })

        // A server's reader verifies only windows with seeds in reach (or runs that may
        // reach their edges); a plain reader verifies every window. Same report.
        let index = try TestIndexBuilder().repo("acme/bundle", files: ["bundle.py": sourceCode]).build()
        defer { index.remove() }
        let plain = try Matcher(index: IndexReader(path: index.path)).match(Array(queryCode.utf8), language: .python)
        let resident = try Matcher(index: IndexReader(path: index.path, resident: true)).match(Array(queryCode.utf8), language: .python)
        #expect(!plain.matches.isEmpty)
        #expect(resident.matches == plain.matches)
        #expect(resident.common == plain.common)
    }

    @Test("the least end of a range with enough distinct shapes, from each start, is what counting each range finds")
    func shapesEnds() {
        var generator = SeededGenerator(seed: 3)
        let reportable = ReportableSpans(options: Self.options)
        let needed = (Self.options.minTokens + 1) / 2
        for round in 0..<30 {
            // Few symbols repeat shapes (a template); many make every 4-gram new.
            let alphabet = UInt64(2 + round * 3)
            let symbols = (0..<(20 + round * 7)).map { _ in UInt64.random(in: 0..<alphabet, using: &generator) }
            let ends = reportable.shapesEnds(symbols)
            #expect(ends.count == symbols.count)
            for start in symbols.indices {
                let least = (start...symbols.count).first { reportable.distinctShapes(start..<$0, in: symbols) >= needed } ?? Int.max
                #expect(ends[start] == least, "round \(round), start \(start): \(ends[start]) for \(least)")
            }
        }
    }

    /// `lines` assignments of one shape, `self.<name> = <value>`, with fresh names, and
    /// fresh values unless `literal` gives them.
    static func assignments(_ generator: inout CodeGenerator, lines: Int, literal: ((Int) -> String)? = nil) -> String {
        (0..<lines).map { "    self.\(generator.identifier()) = \(literal?($0) ?? generator.identifier())\n" }.joined()
    }

    @Test("a file sharing only a repetitive shape is bounded below the reportable length; one sharing its literals is not")
    func reportableReach() {
        var generator = CodeGenerator(seed: 12)
        let bound = SpanBound(maxGap: Self.options.maxGap)
        // `self` is common in any corpus: keeping it shows nothing.
        let reportable = ReportableSpans(options: Self.options, commonNames: Set(Self.document("self\n").symbols(.exact).prefix(1)))
        func reach(_ queryCode: String, _ sourceCode: String) -> (raw: Int, reportable: Int) {
            let query = Self.document(queryCode), source = Self.document(sourceCode)
            let seeds = Self.seeds(query: query, source: source)
            let digests = Self.digests(source)
            return (bound.reach(query: Self.digests(query), source: digests[...], seeds: seeds, minTokens: Self.options.minTokens).longest,
                    bound.reach(query: Self.digests(query), source: digests[...], seeds: seeds, minTokens: Self.options.minTokens) {
                        ReportableQuery(query, reportable: reportable)
                    }.longest)
        }
        // The same statement shape with other names and no literals: long normalized runs, nothing to report.
        let template = reach("def setup(self):\n" + Self.assignments(&generator, lines: 30), "def load(self):\n" + Self.assignments(&generator, lines: 30))
        #expect(template.raw >= Self.options.minTokens)
        #expect(template.reportable < Self.options.minTokens)
        // The same shape renamed, keeping the source's strings: a copied table.
        let strings: (Int) -> String = { "'entry \($0)'" }
        let table = reach("def setup(self):\n" + Self.assignments(&generator, lines: 30, literal: strings),
                          "def load(self):\n" + Self.assignments(&generator, lines: 30, literal: strings))
        #expect(table.reportable >= Self.options.minTokens)
    }

    @Test("a run alone counts its longest exactly equal stretch, and whole when it keeps literals or rare names")
    func longestAlone() {
        let code = String(repeating: "    total = total + step * rate - bias\n", count: 12)
        let query = Self.document(code)
        let names = Set(query.tokens.indices.filter { query.tokens[$0].kind == .identifier }.map { query.symbols(.exact)[$0] })
        let run = query.tokens.indices
        // Every name common, no literal: an exact copy counts by its exact stretch alone.
        let common = ReportableQuery(query, reportable: ReportableSpans(options: Self.options, commonNames: names))
        #expect(common.longestAlone(run, diagonal: 0, source: Self.digests(query)[...], minTokens: Self.options.minTokens) == run.count)
        // The same shape with other names: no exact stretch longer than the operators between them.
        let renamed = Self.document(code.replacingOccurrences(of: "total", with: "sum").replacingOccurrences(of: "step", with: "delta"))
        #expect(common.longestAlone(run, diagonal: 0, source: Self.digests(renamed)[...], minTokens: Self.options.minTokens) < 10)
        // With the names rare, keeping two (`rate`, `bias`) is not enough; keeping three (`step` too) counts the whole run.
        let rare = ReportableQuery(query, reportable: ReportableSpans(options: Self.options))
        #expect(rare.longestAlone(run, diagonal: 0, source: Self.digests(renamed)[...], minTokens: Self.options.minTokens) < run.count)
        let keptThree = Self.document(code.replacingOccurrences(of: "total", with: "sum"))
        #expect(rare.longestAlone(run, diagonal: 0, source: Self.digests(keptThree)[...], minTokens: Self.options.minTokens) == run.count)
    }

    @Test("a server's reader skips files the reportable bound rules out, and reports what a plain reader does")
    func reportableReachReports() throws {
        var generator = CodeGenerator(seed: 13)
        let strings: (Int) -> String = { "'entry \($0)'" }
        let table = "def load(self):\n" + Self.assignments(&generator, lines: 30, literal: strings)
        let index = try TestIndexBuilder()
            .repo("acme/table", files: ["table.py": table])
            .repo("acme/template", files: ["template.py": "def setup(self):\n" + Self.assignments(&generator, lines: 40)])
            .build()
        defer { index.remove() }
        let query = "def fill(self):\n" + Self.assignments(&generator, lines: 30, literal: strings)
        let plain = try Matcher(index: IndexReader(path: index.path)).match(Array(query.utf8), language: .python)
        let resident = try Matcher(index: IndexReader(path: index.path, resident: true)).match(Array(query.utf8), language: .python)
        #expect(plain.matches.map(\.source.repo) == ["acme/table"])
        #expect(resident.matches == plain.matches)
    }

    /// A locale table: the shape every locale file of a library shares, with its own strings.
    static func locale(_ words: [String]) -> String {
        var lines = ["def locale_table(language):", "    table = {}"]
        for (index, word) in words.enumerated() {
            lines.append("    table['\(word)'] = language.entry(\(index), '\(word.uppercased())', weekday=\(index % 7))")
        }
        return (lines + ["    return table", ""]).joined(separator: "\n")
    }

    static let localeWords = (0..<16).map { "word\($0)" }

    @Test("a file may hold the whole query exactly only where every exact digest byte agrees on a seed's diagonal")
    func mayHoldWhole() {
        let code = Self.locale(Self.localeWords)
        let query = Self.document(code)
        func mayHold(_ source: LexedDocument) -> (seeds: Int, mayHold: Bool) {
            let seeds = Self.seeds(query: query, source: source)
            return (seeds.count, SpanBound.mayHoldWhole(query: Self.digests(query), source: Self.digests(source)[...], seeds: seeds))
        }
        let holder = mayHold(Self.document("import os\n\n" + code + "\nprint(os.sep)\n"))
        #expect(holder.mayHold)
        // The same shape with the locale's own strings: normalized seeds, no exact diagonal.
        let sibling = mayHold(Self.document(Self.locale(Self.localeWords.map { $0 + "x" })))
        #expect(sibling.seeds > 0 && !sibling.mayHold)
        // The file holds all but the query's last line: the diagonal runs past its end.
        let truncated = mayHold(Self.document(code.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"))
        #expect(truncated.seeds > 0 && !truncated.mayHold)
    }

    @Test("once a file holds the whole query exactly, skipping files that cannot changes no report: the other exact holder still counts")
    func wholeQueryCopies() throws {
        let code = Self.locale(Self.localeWords)
        var builder = TestIndexBuilder()
            .repo("acme/first", stars: 10, files: ["locales/base.py": "import os\n\n" + code])
            .repo("acme/second", files: ["vendor/base.py": code + "\nprint(1)\n"])
        for number in 0..<6 {
            builder = builder.repo("acme/locale-\(number)", files: ["locales/l\(number).py": Self.locale(Self.localeWords.map { $0 + "\(number)" })])
        }
        let index = try builder.build()
        defer { index.remove() }
        let plain = try Matcher(index: IndexReader(path: index.path)).match(Array(code.utf8), language: .python)
        let resident = try Matcher(index: IndexReader(path: index.path, resident: true)).match(Array(code.utf8), language: .python)
        #expect(resident.matches.count == 1)
        #expect(resident.matches.first?.kind == .exact && resident.matches.first?.tokens == resident.tokens)
        #expect(resident.matches.first?.source.repo == "acme/first")
        #expect(resident.matches.first?.alsoIn == 1)
        #expect(resident.matches == plain.matches)
    }

    @Test("windows worth verifying: those with a seed in reach, and, when runs must end inside, those whose runs may reach an edge")
    func windowsWorthVerifying() {
        let windows = [0..<100, 200..<300, 400..<500, 600..<700]
        let reach = SpanBound.Reach(longest: 80, seeds: [
            (position: 50, reaching: true, run: 40..<120),     // a copy's seed
            (position: 250, reaching: false, run: 240..<260),  // a short run inside its window
            (position: 450, reaching: false, run: 395..<460),  // a short run past its window's start
            (position: 650, reaching: false, run: nil),        // tokens that differ: no run
        ])
        #expect(Matcher.windows(windows, worthVerifying: reach, inside: true) == [0..<100, 400..<500])
        #expect(Matcher.windows(windows, worthVerifying: reach, inside: false) == [0..<100])
        #expect(Matcher.windows(windows, worthVerifying: nil, inside: true) == windows)
        // A run ending exactly at the window's end may reach it.
        let atEnd = SpanBound.Reach(longest: 80, seeds: [(position: 250, reaching: false, run: 240..<300)])
        #expect(Matcher.windows(windows, worthVerifying: atEnd, inside: true) == [200..<300])
    }
}
