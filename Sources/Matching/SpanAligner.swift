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

    /// The spans between `query` and `source` grown from `seeds` (query position, source position).
    func spans(query: LexedDocument, source: LexedDocument, seeds: [(Int, Int)]) -> [AlignedSpan] {
        chain(maximalRuns(query: query, source: source, seeds: seeds), query: query, source: source)
    }

    /// Extends each seed to the maximal run of equal normalized tokens on its diagonal.
    func maximalRuns(query: LexedDocument, source: LexedDocument, seeds: [(Int, Int)]) -> [AlignedSpan] {
        let queryNormal = query.symbols(.normalized), sourceNormal = source.symbols(.normalized)
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        var covered: [Int: Int] = [:]  // diagonal → query end of the last run found on it
        var runs: [AlignedSpan] = []
        for (q, s) in seeds.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
            let diagonal = s - q
            if let end = covered[diagonal], q < end { continue }
            guard q < queryNormal.count, s < sourceNormal.count, queryNormal[q] == sourceNormal[s] else { continue }
            var start = q
            while start > 0, start + diagonal > 0, queryNormal[start - 1] == sourceNormal[start - 1 + diagonal] { start -= 1 }
            var end = q + 1
            while end < queryNormal.count, end + diagonal < sourceNormal.count, queryNormal[end] == sourceNormal[end + diagonal] {
                end += 1
            }
            covered[diagonal] = end
            let exact = (start..<end).allSatisfy { queryExact[$0] == sourceExact[$0 + diagonal] }
            runs.append(AlignedSpan(
                query: start..<end, source: (start + diagonal)..<(end + diagonal),
                kind: exact ? .exact : .renamed, sharedTokens: end - start, runs: 1))
        }
        return runs
    }

    /// Chains runs that follow each other closely on both sides into edited spans.
    func chain(_ runs: [AlignedSpan], query: LexedDocument, source: LexedDocument) -> [AlignedSpan] {
        var result: [AlignedSpan] = []
        var current: AlignedSpan?
        var members: [AlignedSpan] = []
        func close() {
            guard let span = current else { return }
            if members.count == 1 || span.similarity >= options.editedSimilarity {
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
