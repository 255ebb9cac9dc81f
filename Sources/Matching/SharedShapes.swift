import Algorithms
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
/// fingerprints are looked up too, and the few files whose hits line up best on one
/// band of diagonals are verified. Verification decides, not the lookup: a file is reported only when the
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
    /// common and in how many contents (`commonCounts`, nil where not common) and how many
    /// of its exact k-grams are common at or before each position (`exactCommonBefore[p]`:
    /// among positions `0..<p`).
    init(
        _ hashes: [UInt64], commonCounts: [Int?], exactCommonBefore: [Int], options: MatchOptions,
        parameters: FingerprintParameters
    ) {
        self.options = options
        let runs = Self.runs(
            commonCounts: commonCounts, exactCommonBefore: exactCommonBefore, options: options, parameters: parameters
        ) { $0 <= options.sharedShapeContents }
        for position in runs.joined() {
            positions[hashes[position], default: []].append(position)
            contents[hashes[position]] = commonCounts[position]
        }
    }

    /// The runs of common normalized k-grams (each a list of positions, at most
    /// w + `maxGap` apart) whose content counts are `admitted`, that cover at least
    /// `minTokens` tokens and whose exact k-grams are mostly not common.
    ///
    /// Stored fingerprints start within a winnowing window of where a copy does, so the
    /// copy is up to w − 1 tokens longer than its fingerprints' extent. A run whose exact
    /// tokens are common code too is copied boilerplate, which is never attributed: only a
    /// shape whose names and strings are not common is.
    static func runs(
        commonCounts: [Int?], exactCommonBefore: [Int], options: MatchOptions,
        parameters: FingerprintParameters, admitted: (Int) -> Bool
    ) -> [[Int]] {
        let (w, k) = (parameters.w, parameters.k)
        var runs: [[Int]] = []
        var run: [Int] = []
        func close() {
            if let first = run.first, let last = run.last, last + k - first + w - 1 >= options.minTokens,
               (exactCommonBefore[min(last + 1, exactCommonBefore.count - 1)] - exactCommonBefore[first]) * 2 < run.count {
                runs.append(run)
            }
            run = []
        }
        for (position, count) in commonCounts.enumerated() {
            guard let count, admitted(count) else { continue }
            if let last = run.last, position - last > w + options.maxGap { close() }
            run.append(position)
        }
        close()
        return runs
    }

    /// Up to `sharedShapeCandidates` contents not already `excluding`, best aligned first;
    /// their seeds (those on their best diagonal) are added to `seeds`.
    func candidates(
        in index: IndexSnapshot, seeds: inout IntegerTable<[(Int, Int)]>, hitCounts: inout IntegerTable<SIMD2<Int>>, excluding chosen: Set<Int64>
    ) throws -> [Int64] {
        guard !positions.isEmpty else { return [] }
        // Repetitive code pairs every repeat with every stored repeat: the rarest shapes
        // are looked up first, while their pairs fit the budget. A shape in a few hundred
        // files can be stored thousands of times in each (tables, generated code), so the
        // pairs are counted from its stored occurrences, not from its files.
        var budget = options.sharedShapeSeedBudget
        var hashes: [UInt64] = []
        let occurrences = try index.hitCounts(for: Array(positions.keys), view: .normalized)
        for hash in positions.keys.sorted(by: { (contents[$0]!, $0) < (contents[$1]!, $1) }) {
            let pairs = occurrences[hash, default: 0] * positions[hash]!.count
            guard pairs <= budget else { break }
            budget -= pairs
            hashes.append(hash)
        }
        // Each content's (band, seed) pairs are counted, not kept: hits come in order of hash,
        // then content and position, and only the few ranked contents' seeds are gathered,
        // in a second pass over the same hits.
        let width = options.maxGap
        let excluded = chosen.sorted()
        let hits = try index.hits(for: hashes, view: .normalized)
        var perBand = PairCounter()
        var normalizedHits = IntegerTable<Int>(capacity: min(hits.count, Matcher.contentsReserved))
        var last: (hash: UInt64, positions: [Int])?, lastContent: (id: Int64, excluded: Bool)?
        for found in hits {
            if lastContent?.id != found.contentID {
                let index = excluded.partitioningIndex { $0 >= found.contentID }
                lastContent = (found.contentID, index < excluded.count && excluded[index] == found.contentID)
            }
            guard !lastContent!.excluded else { continue }
            if last?.hash != found.hash { last = (found.hash, positions[found.hash]!) }
            let stored = Int(found.position)
            for q in last!.positions { perBand.increment(content: found.contentID, band: Self.band(q, stored, width: width)) }
            normalizedHits.update(found.contentID, initial: 0) { $0 += 1 }
        }
        hitCounts.reserve(hitCounts.count + normalizedHits.count)
        normalizedHits.forEach { content, count in
            hitCounts.update(content, initial: .zero) { $0[Int(TokenView.normalized.rawValue)] += count }
            for (q, stored) in seeds[content] ?? [] { perBand.increment(content: content, band: Self.band(q, stored, width: width)) }
        }
        // Each content's densest band of diagonals (the lowest of equally dense ones).
        var best = IntegerTable<(count: Int, band: Int)>(capacity: normalizedHits.count)
        perBand.forEach { content, band, count in
            best.update(content, initial: (count, band)) { top in
                if (count, -band) > (top.count, -top.band) { top = (count, band) }
            }
        }
        // Ties (many files of one shape) go to the file with more exact-view hits.
        var ranked: [(content: Int64, count: Int, band: Int, exact: Int)] = []
        best.forEach { content, top in
            if top.count >= options.minChainSeeds { ranked.append((content, top.count, top.band, hitCounts[content]![0])) }
        }
        ranked = Array(ranked.sorted { ($0.count, $0.exact, $1.content) > ($1.count, $1.exact, $0.content) }.prefix(options.sharedShapeCandidates))
        // The ranked contents' seeds on their best band or next to it: their hits in the
        // hits' order, then the seeds they already had.
        var rankOf = IntegerTable<Int>()
        for (rank, candidate) in ranked.enumerated() { rankOf[candidate.content] = rank }
        var chosenSeeds = Array(repeating: [(Int, Int)](), count: ranked.count)
        var lastRank: (content: Int64, rank: Int?)?
        last = nil
        for found in hits {
            if lastRank?.content != found.contentID { lastRank = (found.contentID, rankOf[found.contentID]) }
            guard let rank = lastRank!.rank else { continue }
            if last?.hash != found.hash { last = (found.hash, positions[found.hash]!) }
            let stored = Int(found.position)
            for q in last!.positions where abs(Self.band(q, stored, width: width) - ranked[rank].band) <= 1 {
                chosenSeeds[rank].append((q, stored))
            }
        }
        for (rank, candidate) in ranked.enumerated() {
            for (q, stored) in seeds[candidate.content] ?? [] where abs(Self.band(q, stored, width: width) - candidate.band) <= 1 {
                chosenSeeds[rank].append((q, stored))
            }
            seeds[candidate.content] = chosenSeeds[rank]
        }
        return ranked.map(\.content)
    }

    /// Which band of `width` diagonals the seed (`q`, `s`) is on.
    static func band(_ q: Int, _ s: Int, width: Int) -> Int {
        // 32-bit division: a few times faster than 64-bit, and token positions fit.
        let diagonal = Int32(truncatingIfNeeded: s - q), width = Int32(truncatingIfNeeded: width)
        return Int(diagonal >= 0 ? diagonal / width : (diagonal - width + 1) / width)
    }
}
