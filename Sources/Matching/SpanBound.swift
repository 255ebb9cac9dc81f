import CodeLexing
import IndexStore

/// The most tokens any span verifying a candidate could report, from token digests alone
/// (`TokenDigests`): a candidate whose bound is under `MatchOptions.minTokens` is not read.
///
/// It follows `SpanAligner`: each seed is extended along its diagonal to a maximal run,
/// here of digests that may be equal, which contains the run of equal tokens `SpanAligner`
/// finds from that seed. A reported span is one run, trimmed, or an edited chain of parts
/// of runs, each starting after the one before ends and within `maxGap` of it on both
/// sides, whose shared tokens do not overlap in the query. So no span has more tokens
/// than the query tokens covered by one group of runs linked that way. Told what the
/// reportable-span tests read of the query (`ReportableQuery`), it counts only the
/// groups and runs that could pass them: most candidates of code written to a common
/// template share long runs of its shape and nothing a report would show.
struct SpanBound {
    let maxGap: Int

    /// What verifying a candidate from `seeds` can find, from its digests.
    struct Reach {
        /// The most tokens a span can have.
        var longest: Int
        /// Each seed's source position; whether it can be part of a span of at least
        /// `minTokens` tokens (it is inside a run of a group covering that many query
        /// tokens); and the source positions of its run of possibly equal tokens (nil when
        /// its own tokens differ), which contains any run the aligner grows from it.
        var seeds: [(position: Int, reaching: Bool, run: Range<Int>?)]
    }

    /// With `reportable` (asked for only when some group covers `minTokens`), only spans that
    /// could pass `ReportableSpans`' tests count: a group of runs counts when the query range
    /// it spans has enough distinct shapes, and a run alone when its exactly equal stretch is
    /// long enough, or it may keep enough of the source's literals or rare names. Without it,
    /// every group counts. Below `minTokens`, `longest` is only known to be below it.
    func reach(
        query: [UInt16], source: ArraySlice<UInt16>, seeds: [(Int, Int)], minTokens: Int, reportable: (() -> ReportableQuery)? = nil
    ) -> Reach {
        let base = source.startIndex
        let runs = SpanAligner.diagonalRuns(seeds: seeds, queryCount: query.count, sourceCount: source.count) { q, s in
            TokenDigests.mayBeEqual(query[q], source[base + s])
        }.map { (query: $0.query, source: ($0.query.lowerBound + $0.diagonal)..<($0.query.upperBound + $0.diagonal), diagonal: $0.diagonal) }
        // Groups of linked runs (union-find). A part of run b can follow a part of run a in
        // a chain only if b starts at most `maxGap` after a ends, and ends after a starts, on
        // both sides.
        var parent = Array(runs.indices)
        for a in runs.indices {
            let (queryA, sourceA) = (runs[a].query, runs[a].source)
            for b in (a + 1)..<runs.count {
                let (queryB, sourceB) = (runs[b].query, runs[b].source)
                let bFollowsA = queryB.lowerBound - queryA.upperBound <= maxGap && queryB.upperBound > queryA.lowerBound
                    && sourceB.lowerBound - sourceA.upperBound <= maxGap && sourceB.upperBound > sourceA.lowerBound
                let aFollowsB = queryA.lowerBound - queryB.upperBound <= maxGap && queryA.upperBound > queryB.lowerBound
                    && sourceA.lowerBound - sourceB.upperBound <= maxGap && sourceA.upperBound > sourceB.lowerBound
                if bFollowsA || aFollowsB { parent[Self.root(b, &parent)] = Self.root(a, &parent) }
            }
        }
        // Each group's query tokens covered and query hull, at its root's index: its runs
        // in query order, swept once.
        let roots = runs.indices.map { Self.root($0, &parent) }
        var covered = Array(repeating: 0, count: runs.count), hull = Array(repeating: 0..<0, count: runs.count)
        let order = runs.indices.sorted { (roots[$0], runs[$0].query.lowerBound) < (roots[$1], runs[$1].query.lowerBound) }
        var next = 0
        while next < order.count {
            let root = roots[order[next]]
            var total = 0, end = Int.min, lower = Int.max
            while next < order.count, roots[order[next]] == root {
                let range = runs[order[next]].query
                total += max(0, range.upperBound - max(range.lowerBound, end))
                end = max(end, range.upperBound)
                lower = min(lower, range.lowerBound)
                next += 1
            }
            covered[root] = total
            hull[root] = lower..<end
        }
        var longest = covered.max() ?? 0
        // Told what the query's reportable spans need, the most tokens a span from each
        // group (edited chains, runs) or from each run alone (an exact stretch, or a renaming
        // shown by the source's literals or names) can have.
        var alone = Array(repeating: 0, count: runs.count)
        if longest >= minTokens, let reportable = reportable?() {
            for root in runs.indices where roots[root] == root && !reportable.hasShapes(hull[root]) { covered[root] = 0 }
            for i in runs.indices {
                alone[i] = reportable.longestAlone(runs[i].query, diagonal: runs[i].diagonal, source: source, minTokens: minTokens)
            }
            longest = max(covered.max() ?? 0, alone.max() ?? 0)
        }
        guard longest >= minTokens else { return Reach(longest: longest, seeds: []) }
        // Each seed's run: the one on its diagonal that contains it (a diagonal's runs chained
        // from its first).
        var firstOnDiagonal = IntegerTable<Int>(capacity: runs.count)
        var nextOnDiagonal = Array(repeating: -1, count: runs.count)
        for i in runs.indices.reversed() {
            if let first = firstOnDiagonal[runs[i].diagonal] { nextOnDiagonal[i] = first }
            firstOnDiagonal[runs[i].diagonal] = i
        }
        return Reach(longest: longest, seeds: seeds.map { q, s in
            var run = firstOnDiagonal[s - q]
            while let i = run, !runs[i].query.contains(q) { run = nextOnDiagonal[i] < 0 ? nil : nextOnDiagonal[i] }
            return (s, run.map { covered[roots[$0]] >= minTokens || alone[$0] >= minTokens } ?? false, run.map { runs[$0].source })
        })
    }

    /// The root of `i`'s group, halving the path on the way.
    private static func root(_ i: Int, _ parent: inout [Int]) -> Int {
        var i = i
        while parent[i] != i {
            parent[i] = parent[parent[i]]
            i = parent[i]
        }
        return i
    }

    /// Whether the source may hold the whole query exactly: on the diagonal of some seed,
    /// every query token's exact digest byte equals the source's. An exact span covering
    /// the whole query is one run of exactly equal tokens on a seed's diagonal, so a
    /// source without such a diagonal cannot give one.
    static func mayHoldWhole(query: [UInt16], source: ArraySlice<UInt16>, seeds: [(Int, Int)]) -> Bool {
        var tried = Set<Int>()
        return seeds.contains { q, s in
            let start = source.startIndex + s - q
            guard start >= source.startIndex, start + query.count <= source.endIndex, tried.insert(start).inserted else { return false }
            return query.indices.allSatisfy { query[$0] & 0xFF == source[start + $0] & 0xFF }
        }
    }
}

/// What `ReportableSpans` reads of a query, for `SpanBound` to count only spans that could
/// be reported: a span of `minTokens` tokens needs `minTokens / 2` distinct token 4-grams
/// (normalized, unless it is exact), or, a renaming, six of the source's literals or three
/// of its rare names kept; an exact span needs its tokens exactly equal throughout.
///
/// The tests hold on the tokens, which equal digests contain, so they are tested on
/// digests: a digest equal in its exact byte may be of an unchanged token.
struct ReportableQuery {
    /// Per query token: its exact digest byte, whether it is a literal, and its exact symbol
    /// when it is a name not common in the corpus.
    private let exactBytes: [UInt8]
    private let isLiteral: [Bool]
    private let rareNames: [UInt64?]
    /// `shapesEnd[a]`: the least end of a query range from `a` with enough distinct
    /// normalized 4-grams to be reported (`Int.max` when none has).
    private let shapesEnd: [Int]

    init(_ query: LexedDocument, reportable: ReportableSpans) {
        let exact = query.symbols(.exact)
        exactBytes = exact.map { UInt8(truncatingIfNeeded: $0) }
        isLiteral = query.tokens.map { $0.kind == .string || $0.kind == .number }
        rareNames = zip(query.tokens, exact).map { token, symbol in
            token.kind == .identifier && !reportable.commonNames.contains(symbol) ? symbol : nil
        }
        shapesEnd = reportable.shapesEnds(query.symbols(.normalized))
    }

    /// Whether some query range inside `range` may have enough distinct shapes.
    func hasShapes(_ range: Range<Int>) -> Bool {
        shapesEnd[range.lowerBound] <= range.upperBound
    }

    /// The most tokens a span from the run at `range` on `diagonal` can have without help
    /// from its group's shapes: its longest exactly equal stretch, or the whole run when it
    /// may keep enough of the source's literals or rare names for a renaming.
    func longestAlone(_ range: Range<Int>, diagonal: Int, source: ArraySlice<UInt16>, minTokens: Int) -> Int {
        var longest = 0, stretch = 0, literals = 0
        var names: [UInt64] = []
        for q in range {
            guard UInt8(truncatingIfNeeded: source[source.startIndex + q + diagonal]) == exactBytes[q] else {
                stretch = 0
                continue
            }
            stretch += 1
            longest = max(longest, stretch)
            if isLiteral[q] { literals += 1 }
            if let name = rareNames[q], names.count < SpanAligner.rareNamesKept, !names.contains(name) { names.append(name) }
        }
        let keepsContent = literals >= ReportableSpans.literalEvidence || names.count >= SpanAligner.rareNamesKept
        return range.count >= minTokens && keepsContent ? range.count : longest
    }
}
