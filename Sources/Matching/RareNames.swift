import CodeLexing
import Fingerprinting
import IndexStore

/// Candidates for renamed copies of code whose shape is everywhere: a Java file's
/// package, imports and annotations, a test's set-up, whose normalized fingerprints are
/// in thousands of files, too many to look up (`SharedShapes` stops at a few hundred).
///
/// What such a copy keeps of its own source are the names and strings it did not
/// change, and a file's own names and strings are rare in the corpus. Where the query
/// has a run of at least `minTokens` tokens of common normalized k-grams whose exact
/// k-grams are mostly not common, its names and strings there that are not common
/// (`IndexReader.commonNames`) are looked up in the index's name postings; the few files
/// holding most of them, at least as many as a renaming must keep
/// (`SpanAligner.rareNamesKept`), are seeded with the run's common fingerprints that
/// they hold and verified. Verification decides, as for shared
/// shapes: only an exact run or a renaming counts.
struct RareNames {
    /// Query token ranges of the runs.
    private var regions: [Range<Int>] = []
    /// Query positions of each common normalized hash in the runs.
    private var positions: [UInt64: [Int]] = [:]
    private var options = MatchOptions.default

    init() {}

    /// The runs among a query's normalized k-gram `hashes`, given which are common
    /// (`commonCounts`, nil where not) and how many of its exact k-grams are common at or
    /// before each position.
    init(_ hashes: [UInt64], commonCounts: [Int?], exactCommonBefore: [Int], options: MatchOptions, parameters: FingerprintParameters) {
        self.options = options
        // The runs `SharedShapes` looks at, in however many contents their k-grams are.
        let runs = SharedShapes.runs(
            commonCounts: commonCounts, exactCommonBefore: exactCommonBefore, options: options, parameters: parameters
        ) { _ in true }
        for run in runs {
            regions.append(run[0]..<(run[run.count - 1] + parameters.k))
            for position in run { positions[hashes[position], default: []].append(position) }
        }
    }

    /// Up to `rareNameCandidates` contents not already `excluding`, holding the most of the
    /// runs' rare names and strings; their seeds (those on their densest band of diagonals) are added to `seeds`.
    func candidates(
        query: LexedDocument, in index: IndexSnapshot, seeds: inout IntegerTable<[(Int, Int)]>, excluding chosen: Set<Int64>
    ) throws -> [Int64] {
        guard !regions.isEmpty, options.rareNameCandidates > 0 else { return [] }
        let exact = query.symbols(.exact)
        var names = Set<UInt64>()
        for region in regions {
            for q in region where (query.tokens[q].kind == .identifier || query.tokens[q].kind == .string)
                && !index.reader.commonNames.contains(exact[q]) {
                names.insert(exact[q])
            }
        }
        guard names.count >= SpanAligner.rareNamesKept else { return [] }
        var shared: [Int64: Int] = [:]
        for posting in try index.contents(withNames: Array(names)) where !chosen.contains(posting.contentID) {
            shared[posting.contentID, default: 0] += 1
        }
        let ranked = shared.filter { $0.value >= SpanAligner.rareNamesKept }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(options.rareNameCandidates).map(\.key)
        var found: [Int64] = []
        for content in ranked {
            var pairs: [(q: Int, s: Int, band: Int)] = []
            for hit in try index.hits(for: Array(positions.keys), view: .normalized, in: content) {
                for q in positions[hit.hash] ?? [] {
                    pairs.append((q, Int(hit.position), SharedShapes.band(q, Int(hit.position), width: options.maxGap)))
                }
            }
            var perBand: [Int: Int] = [:]
            for pair in pairs { perBand[pair.band, default: 0] += 1 }
            guard let best = perBand.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), best.value >= options.minChainSeeds else { continue }
            seeds[content] = pairs.filter { abs($0.band - best.key) <= 1 }.map { ($0.q, $0.s) }
            found.append(content)
        }
        return found
    }
}
