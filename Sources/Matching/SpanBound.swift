import IndexStore

/// The most tokens any span verifying a candidate could report, from token digests alone
/// (`TokenDigests`): a candidate whose bound is under `MatchOptions.minTokens` is not read.
///
/// It follows `SpanAligner`: each seed is extended along its diagonal to a maximal run,
/// here of digests that may be equal, which contains the run of equal tokens `SpanAligner`
/// finds from that seed. A reported span is one run, trimmed, or an edited chain of parts
/// of runs, each starting after the one before ends and within `maxGap` of it on both
/// sides, whose shared tokens do not overlap in the query. So no span has more tokens
/// than the query tokens covered by one group of runs linked that way.
struct SpanBound {
    let maxGap: Int

    func longestSpan(query: [UInt16], source: ArraySlice<UInt16>, seeds: [(Int, Int)]) -> Int {
        reach(query: query, source: source, seeds: seeds, minTokens: .max).longest
    }

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

    func reach(query: [UInt16], source: ArraySlice<UInt16>, seeds: [(Int, Int)], minTokens: Int) -> Reach {
        let base = source.startIndex
        let runs = SpanAligner.diagonalRuns(seeds: seeds, queryCount: query.count, sourceCount: source.count) { q, s in
            TokenDigests.mayBeEqual(query[q], source[base + s])
        }.map { (query: $0.query, source: ($0.query.lowerBound + $0.diagonal)..<($0.query.upperBound + $0.diagonal), diagonal: $0.diagonal) }
        // Groups of linked runs (union-find); a candidate has a few dozen runs at most.
        var parent = Array(runs.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        // A part of run b can follow a part of run a in a chain only if b starts at most
        // `maxGap` after a ends, and ends after a starts, on both sides.
        func follows(_ b: Int, _ a: Int) -> Bool {
            runs[b].query.lowerBound - runs[a].query.upperBound <= maxGap && runs[b].query.upperBound > runs[a].query.lowerBound
                && runs[b].source.lowerBound - runs[a].source.upperBound <= maxGap
                && runs[b].source.upperBound > runs[a].source.lowerBound
        }
        for a in runs.indices {
            for b in runs.indices where b > a && (follows(b, a) || follows(a, b)) { parent[root(b)] = root(a) }
        }
        var groups: [Int: [Range<Int>]] = [:]
        for i in runs.indices { groups[root(i), default: []].append(runs[i].query) }
        let covered = groups.mapValues(Self.covered)
        let longest = covered.values.max() ?? 0
        guard longest >= minTokens else { return Reach(longest: longest, seeds: []) }
        return Reach(longest: longest, seeds: seeds.map { q, s in
            let run = runs.indices.first { runs[$0].diagonal == s - q && runs[$0].query.contains(q) }
            return (s, run.map { covered[root($0)]! >= minTokens } ?? false, run.map { runs[$0].source })
        })
    }

    /// How many positions the ranges cover together.
    static func covered(_ ranges: [Range<Int>]) -> Int {
        var total = 0, end = Int.min
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            total += max(0, range.upperBound - max(range.lowerBound, end))
            end = max(end, range.upperBound)
        }
        return total
    }
}
