import CodeLexing
import ProvenanceCore

/// Verifies candidate hits against the stored source token by token.
///
/// Seeds (a query k-gram equal to a stored one) are extended along their diagonal
/// while the normalized tokens agree, giving maximal runs; a run whose exact tokens
/// agree throughout is `exact`, otherwise `renamed`. Runs in order on both sides,
/// separated by at most `maxGap` tokens, are chained into one `edited` span when the
/// chain's similarity reaches `editedSimilarity`. Linear in the seeds plus the
/// tokens covered: each token is visited by at most one extension per diagonal.
struct SpanAligner: Sendable {
    let options: MatchOptions
    /// Names so frequent in the corpus (`IndexReader.commonNames`) that two files agreeing
    /// on them says nothing: they do not count as names a renaming kept.
    var commonNames: Set<UInt64> = []
    /// How close to a run's edge a disagreement must be for the edge to be cut back past it.
    static let edgeSlack = 4
    /// The shortest run an edited chain may start or end with.
    static let minEdgeRun = 8
    /// Renamed-name reuses that make a run a renaming even when most of its literals changed.
    static let strongRenaming = 4
    /// Distinct unchanged names, none of them common, that make a run a renaming when
    /// most of its literals changed.
    static let rareNamesKept = 3

    /// The spans between `query` and `source` grown from `seeds` (query position, source position).
    func spans(query: LexedDocument, source: LexedDocument, seeds: [(Int, Int)]) -> [AlignedSpan] {
        chain(maximalRuns(query: query, source: source, seeds: seeds)!, query: query, source: source)
    }

    /// The spans, or nil when a run reaches an edge of `source` that is not an edge of its
    /// file: lexed further, that run might go on.
    func spansInside(query: LexedDocument, source: LexedDocument, seeds: [(Int, Int)]) -> [AlignedSpan]? {
        maximalRuns(query: query, source: source, seeds: seeds, inside: true).map { chain($0, query: query, source: source) }
    }

    /// Extends each seed to the maximal run of equal tokens on its diagonal: equal in the
    /// normalized view, or in the exact one (the same text read as another language, where
    /// `new` is a name in Python and a keyword in Java). With `inside`, nil as soon as a run
    /// reaches an edge of the lexed `source` that is not an edge of its file.
    func maximalRuns(query: LexedDocument, source: LexedDocument, seeds: [(Int, Int)], inside: Bool = false) -> [AlignedSpan]? {
        let queryNormal = query.symbols(.normalized), sourceNormal = source.symbols(.normalized)
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        let runs = Self.diagonalRuns(seeds: seeds, queryCount: queryNormal.count, sourceCount: sourceNormal.count) { q, s in
            queryNormal[q] == sourceNormal[s] || queryExact[q] == sourceExact[s]
        }
        if inside, runs.contains(where: { run in
            run.query.lowerBound + run.diagonal == 0 && source.first > 0
                || run.query.upperBound + run.diagonal == sourceNormal.count && !source.reachesEnd
        }) {
            return nil
        }
        return runs.flatMap { classify($0.query, diagonal: $0.diagonal, query: query, source: source) }
    }

    /// Each seed (query position, source position) extended along its diagonal to the
    /// maximal run of positions where `equal` holds; a seed inside a run already found on
    /// its diagonal adds none. Shared with `SpanBound`, which extends over token digests.
    @inline(__always)
    static func diagonalRuns(
        seeds: [(Int, Int)], queryCount: Int, sourceCount: Int, equal: (Int, Int) -> Bool
    ) -> [(query: Range<Int>, diagonal: Int)] {
        var covered = IntegerTable<Int>()  // diagonal → query end of the last run found on it
        var runs: [(query: Range<Int>, diagonal: Int)] = []
        for (q, s) in seeds.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
            let diagonal = s - q
            if let end = covered[diagonal], q < end { continue }
            guard q < queryCount, s < sourceCount, equal(q, s) else { continue }
            var start = q
            while start > 0, start + diagonal > 0, equal(start - 1, start - 1 + diagonal) { start -= 1 }
            var end = q + 1
            while end < queryCount, end + diagonal < sourceCount, equal(end, end + diagonal) { end += 1 }
            covered[diagonal] = end
            runs.append((start..<end, diagonal))
        }
        return runs
    }

    /// Turns a run of equal normalized tokens into exact or renamed runs.
    ///
    /// Differing identifiers or literals at the run's edges are trimmed (they are where
    /// the copy ends, not part of it). A run whose exact tokens all agree is `exact`.
    /// Otherwise it is `renamed` only if its identifiers map one to one between the two
    /// sides (a consistent renaming, Baker's parameterized match) for at least 90% of
    /// their occurrences, and it shows its source's own contents: most of its literals,
    /// renamed names reused, or rare names kept. Structurally similar but unrelated code
    /// fails these tests and keeps only its exactly equal segments.
    func classify(_ run: Range<Int>, diagonal: Int, query: LexedDocument, source: LexedDocument) -> [AlignedSpan] {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        func agrees(_ q: Int) -> Bool { queryExact[q] == sourceExact[q + diagonal] }
        // The renaming the run's interior establishes: a name renamed consistently inside
        // the copy is part of it at the edges too.
        var renaming = IntegerTable<UInt64>(), inverse = IntegerTable<UInt64>()
        let interiorStart = min(run.upperBound, run.lowerBound + Self.edgeSlack)
        let interior = interiorStart..<max(interiorStart, run.upperBound - Self.edgeSlack)  // empty in a short run
        for q in interior where query.tokens[q].kind == .identifier && !agrees(q) {
            let a = queryExact[q], b = sourceExact[q + diagonal]
            if renaming[a] == nil && inverse[b] == nil {
                renaming[a] = b
                inverse[b] = a
            }
        }
        func supported(_ q: Int) -> Bool {
            agrees(q) || (query.tokens[q].kind == .identifier && renaming[queryExact[q]] == sourceExact[q + diagonal])
        }
        // Trim the edges back past any unsupported difference in their last few tokens: a
        // copy that ends mid-statement (`x =` aligned with `y =`) ends before that statement.
        // With `lineBounded`, trimming stops at the run's second line and at its last line's
        // start: inside a renaming, names used once and changed strings sit a few tokens
        // apart, and cutting on past each eats a copy line by line from its edges.
        func trimmed(lineBounded: Bool) -> Range<Int> {
            let firstLine = query.tokens[run.lowerBound].line, lastLine = query.tokens[run.upperBound - 1].line
            let secondLineStart = lineBounded ? run.first { query.tokens[$0].line != firstLine } ?? run.upperBound : run.upperBound
            let lastLineStart = lineBounded ? run.last { query.tokens[$0].line != lastLine }.map { $0 + 1 } ?? run.lowerBound : run.lowerBound
            var start = run.lowerBound, end = run.upperBound
            var trimmed = true
            while trimmed {
                trimmed = false
                if start < secondLineStart, let cut = (start..<min(end, start + Self.edgeSlack)).last(where: { !supported($0) }) {
                    start = min(cut + 1, secondLineStart)
                    trimmed = true
                }
                if end > lastLineStart, end > start, let cut = (max(start, end - Self.edgeSlack)..<end).first(where: { !supported($0) }) {
                    end = max(cut, lastLineStart, start)
                    trimmed = true
                }
            }
            return start..<end
        }
        func span(_ range: Range<Int>, _ kind: MatchKind) -> AlignedSpan {
            AlignedSpan(query: range, source: (range.lowerBound + diagonal)..<(range.upperBound + diagonal),
                        kind: kind, sharedTokens: range.count, runs: 1)
        }
        func exactSegments(_ range: Range<Int>) -> [AlignedSpan] {
            var segments: [AlignedSpan] = []
            var segmentStart: Int?
            for q in range.lowerBound...range.upperBound {
                if q < range.upperBound, agrees(q) {
                    if segmentStart == nil { segmentStart = q }
                } else if let first = segmentStart {
                    segments.append(span(first..<q, .exact))
                    segmentStart = nil
                }
            }
            return segments
        }
        // A renaming: one bijection between the names for 90% of their occurrences, and not
        // mostly one exact core (an exact copy that ran on into neighbouring code of the same
        // shape, `return x` before a copied function aligned with `return y`: the core is the
        // copy). Shown by the source's own contents (its literals, its rare names) or, with
        // `byReuses`, by renamed names used again.
        func isRenaming(_ range: Range<Int>, byReuses: Bool) -> Bool {
            let (literals, unchanged) = literalCounts(range, diagonal: diagonal, query: query, source: source)
            guard (literals >= 2 && unchanged * 2 > literals)
                || keepsRareNames(range, diagonal: diagonal, query: query, source: source)
                || byReuses && (literals < 2 || renamedReuses(range, diagonal: diagonal, query: query, source: source) >= Self.strongRenaming)
            else { return false }
            var core = 0, segment = 0  // the longest exactly equal segment
            for q in range {
                segment = agrees(q) ? segment + 1 : 0
                core = max(core, segment)
            }
            return core * 4 < range.count * 3 && renamingConsistency(range, diagonal: diagonal, query: query, source: source) >= 0.9
        }
        let strict = trimmed(lineBounded: false)
        guard !strict.isEmpty else { return [] }
        if strict.allSatisfy(agrees) { return [span(strict, .exact)] }
        // A renaming shown by the source's own contents keeps its edge lines; one shown only
        // by the pattern of its names (which code of the same template has too) does not.
        let wide = trimmed(lineBounded: true)
        if wide != strict, isRenaming(wide, byReuses: false) { return [span(wide, .renamed)] }
        if isRenaming(strict, byReuses: true) { return [span(strict, .renamed)] }
        return exactSegments(strict)
    }

    /// The run's literals, and how many of them are unchanged.
    ///
    /// Renaming changes names; code that only shares its shape with another file (the
    /// same statement pattern with other names *and* other constants) is not a copy.
    func literalCounts(_ run: Range<Int>, diagonal: Int, query: LexedDocument, source: LexedDocument) -> (literals: Int, unchanged: Int) {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        var literals = 0, unchanged = 0
        for q in run where query.tokens[q].kind == .number || query.tokens[q].kind == .string {
            literals += 1
            if queryExact[q] == sourceExact[q + diagonal] { unchanged += 1 }
        }
        return (literals, unchanged)
    }

    /// Whether the run keeps at least `rareNamesKept` of its source's names that are not
    /// common in the corpus, and at least a third of all its distinct names.
    ///
    /// A copy whose every string and number was changed still keeps its source's own
    /// names where it did not rename them; code that only shares a shape agrees on
    /// common names (`self`, `range`, `String`) and hardly ever on a file's own.
    func keepsRareNames(_ run: Range<Int>, diagonal: Int, query: LexedDocument, source: LexedDocument) -> Bool {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        // Each distinct name, and whether it is kept.
        var names = IntegerTable<Bool>()
        for q in run where query.tokens[q].kind == .identifier {
            let isKept = queryExact[q] == sourceExact[q + diagonal]
            names.update(queryExact[q], initial: isKept) { $0 = $0 || isKept }
        }
        var kept = 0, rare = 0
        names.forEach { name, isKept in
            guard isKept else { return }
            kept += 1
            if !commonNames.contains(UInt64(bitPattern: name)) { rare += 1 }
        }
        return kept * 3 >= names.count && rare >= Self.rareNamesKept
    }

    /// Renamed names used again under the same renaming: how strongly a run's
    /// differences look like one consistent renaming rather than a shared shape.
    func renamedReuses(_ run: Range<Int>, diagonal: Int, query: LexedDocument, source: LexedDocument) -> Int {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        var renaming = IntegerTable<UInt64>()
        var reuses = 0
        for q in run where query.tokens[q].kind == .identifier && queryExact[q] != sourceExact[q + diagonal] {
            if let target = renaming[queryExact[q]] {
                if target == sourceExact[q + diagonal] { reuses += 1 }
            } else {
                renaming[queryExact[q]] = sourceExact[q + diagonal]
            }
        }
        return reuses
    }

    /// The fraction of identifier occurrences consistent with one bijection between the two sides' names.
    func renamingConsistency(_ run: Range<Int>, diagonal: Int, query: LexedDocument, source: LexedDocument) -> Double {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        var forward = IntegerTable<UInt64>(), backward = IntegerTable<UInt64>()
        var occurrences = 0, consistent = 0
        for q in run where query.tokens[q].kind == .identifier {
            let a = queryExact[q], b = sourceExact[q + diagonal]
            occurrences += 1
            switch (forward[a], backward[b]) {
            case (nil, nil):
                forward[a] = b
                backward[b] = a
                consistent += 1
            case (b?, a?): consistent += 1
            default: break
            }
        }
        return occurrences == 0 ? 1 : Double(consistent) / Double(occurrences)
    }

    /// Chains runs that follow each other closely on both sides into edited spans.
    func chain(_ runs: [AlignedSpan], query: LexedDocument, source: LexedDocument) -> [AlignedSpan] {
        var result: [AlignedSpan] = []
        var current: AlignedSpan?
        var members: [AlignedSpan] = []
        func close() {
            guard current != nil else { return }
            // A chain starts and ends with a substantial run: a few tokens that happen to
            // agree before or after a copy (a `return`, a bracket) are not part of it.
            while members.count > 1, members[0].query.count < Self.minEdgeRun { members.removeFirst() }
            while members.count > 1, members[members.count - 1].query.count < Self.minEdgeRun { members.removeLast() }
            guard members.count > 1 else {
                result += members
                return
            }
            var span = members[0]
            span.query = members[0].query.lowerBound..<members[members.count - 1].query.upperBound
            span.source = members[0].source.lowerBound..<members[members.count - 1].source.upperBound
            span.sharedTokens = members.reduce(0) { $0 + $1.sharedTokens }
            span.runs = members.count
            span.kind = .edited
            if span.similarity >= options.editedSimilarity {
                result.append(span)
            } else {
                result += members
            }
        }
        for run in runs.sorted(by: { $0.query.lowerBound < $1.query.lowerBound }) {
            if var span = current,
               run.query.lowerBound >= span.query.upperBound, run.source.lowerBound >= span.source.upperBound,
               run.query.lowerBound - span.query.upperBound <= options.maxGap,
               run.source.lowerBound - span.source.upperBound <= options.maxGap {
                span.query = span.query.lowerBound..<run.query.upperBound
                span.source = span.source.lowerBound..<run.source.upperBound
                span.sharedTokens += run.sharedTokens
                span.runs += 1
                span.kind = .edited
                current = span
                members.append(run)
                continue
            }
            if let span = current, run.query.upperBound <= span.query.upperBound, run.query.lowerBound >= span.query.lowerBound {
                continue  // inside the current span on another diagonal: repetitive code, already covered
            }
            close()
            current = run
            members = [run]
        }
        close()
        return result
    }
}
