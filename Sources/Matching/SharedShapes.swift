import CodeLexing
import Fingerprinting
import IndexStore

/// Candidates for copies whose normalized shape is common code: renamed copies of one
/// of many files written to the same pattern (locale tables, generated stubs, test
/// cases), whose normalized fingerprints all sit in more than the common cap of files.
///
/// Winnowing stores the same fingerprints for every file of one shape, so a renamed
/// copy of such a file hits only common fingerprints, which the main lookup leaves
/// out. When the query has a run of at least `minTokens` tokens made of common
/// normalized k-grams in at most `sharedShapeContents` files, and its exact k-grams are
/// mostly not common (an exact copy of boilerplate stays common code), those
/// fingerprints are looked up too, and the few files whose hits line up best on one diagonal are
/// verified. Verification decides, not the lookup: a file is reported only when the
/// aligner finds a renaming with the file's own strings and numbers in it (or an exact
/// run), which a file of the same shape with other contents does not give.
struct SharedShapes {
    /// Query positions of each looked-up common normalized hash.
    private var positions: [UInt64: [Int]] = [:]
    /// How many files hold each of those hashes, rarest looked at first.
    private var contents: [UInt64: Int] = [:]
    private var options = MatchOptions.default

    init() {}

    /// The shared shapes among a query's normalized k-gram `hashes`, given which are
    /// `common` (and in how many contents) and how many of its exact k-grams are common
    /// at or before each position (`exactCommonBefore[p]`: among positions `0..<p`).
    init(
        _ hashes: [UInt64], common: [UInt64: Int], exactCommonBefore: [Int], options: MatchOptions,
        parameters: FingerprintParameters
    ) {
        self.options = options
        let (w, k) = (parameters.w, parameters.k)
        let limit = w + options.maxGap
        var run: [Int] = []
        func close() {
            // Stored fingerprints start within a winnowing window of where a copy does, so
            // the copy is up to w − 1 tokens longer than its fingerprints' extent. A run
            // whose exact tokens are common code too is copied boilerplate, which is never
            // attributed: only a shape whose names and strings are not common is.
            if let first = run.first, let last = run.last, last + k - first + w - 1 >= options.minTokens,
               (exactCommonBefore[min(last + 1, exactCommonBefore.count - 1)] - exactCommonBefore[first]) * 2 < run.count {
                for position in run {
                    positions[hashes[position], default: []].append(position)
                    contents[hashes[position]] = common[hashes[position]]
                }
            }
            run = []
        }
        for (position, hash) in hashes.enumerated() {
            guard let count = common[hash], count <= options.sharedShapeContents else { continue }
            if let last = run.last, position - last > limit { close() }
            run.append(position)
        }
        close()
    }

    /// Up to `sharedShapeCandidates` contents not already `excluding`, best aligned first;
    /// their seeds (those on their best diagonal) are added to `seeds`.
    func candidates(
        in index: IndexSnapshot, seeds: inout [Int64: [(Int, Int)]], hitCounts: inout [Int64: [Int]], excluding chosen: Set<Int64>
    ) throws -> [Int64] {
        guard !positions.isEmpty else { return [] }
        // Repetitive code pairs every repeat with every stored repeat: the rarest shapes
        // are looked up first, while their expected pairs fit the budget.
        var budget = options.sharedShapeSeedBudget
        var hashes: [UInt64] = []
        for hash in positions.keys.sorted(by: { (contents[$0]!, $0) < (contents[$1]!, $1) }) {
            let pairs = contents[hash]! * positions[hash]!.count
            guard pairs <= budget else { break }
            budget -= pairs
            hashes.append(hash)
        }
        // Every (content, band, query position, stored position) pair, sorted so that each
        // content's pairs are together, band by band, query positions ascending.
        let width = options.maxGap
        var pairs: [Pair] = []
        for hit in try index.hits(for: hashes, view: .normalized) where !chosen.contains(hit.contentID) {
            let stored = Int(hit.position)
            for q in positions[hit.hash]! { pairs.append(Pair(content: hit.contentID, band: Self.band(q, stored, width: width), q: q, s: stored)) }
            hitCounts[hit.contentID, default: [0, 0]][Int(TokenView.normalized.rawValue)] += 1
        }
        for content in Set(pairs.map(\.content)) {
            for (q, stored) in seeds[content] ?? [] { pairs.append(Pair(content: content, band: Self.band(q, stored, width: width), q: q, s: stored)) }
        }
        pairs.sort { ($0.content, $0.band, $0.q) < ($1.content, $1.band, $1.q) }
        // Each content's densest band: the most distinct query positions on one band.
        var best: [(content: Int64, count: Int, band: Int, pairs: Range<Int>)] = []
        var start = 0
        while start < pairs.count {
            var end = start, top = (count: 0, band: 0)
            while end < pairs.count, pairs[end].content == pairs[start].content {
                var next = end, distinct = 0
                while next < pairs.count, pairs[next].content == pairs[start].content, pairs[next].band == pairs[end].band {
                    if next == end || pairs[next].q != pairs[next - 1].q { distinct += 1 }
                    next += 1
                }
                if distinct > top.count { top = (distinct, pairs[end].band) }
                end = next
            }
            best.append((pairs[start].content, top.count, top.band, start..<end))
            start = end
        }
        // Ties (many files of one shape) go to the file with more exact-view hits.
        let ranked = best.filter { $0.count >= options.minChainSeeds }.sorted {
            ($0.count, hitCounts[$0.content]![0], $1.content) > ($1.count, hitCounts[$1.content]![0], $0.content)
        }.prefix(options.sharedShapeCandidates)
        for candidate in ranked {
            seeds[candidate.content] = pairs[candidate.pairs].filter { abs($0.band - candidate.band) <= 1 }.map { ($0.q, $0.s) }
        }
        return ranked.map(\.content)
    }

    /// A seed of a candidate content, with the band of diagonals it is on.
    private struct Pair {
        var content: Int64
        var band: Int
        var q: Int
        var s: Int
    }

    /// Which band of `width` diagonals the seed (`q`, `s`) is on.
    static func band(_ q: Int, _ s: Int, width: Int) -> Int {
        let diagonal = s - q
        return diagonal >= 0 ? diagonal / width : (diagonal - width + 1) / width
    }
}
