import CodeLexing
import Fingerprinting
import IndexStore
import ProvenanceCore

/// Turns verified spans into attributions: one source per copied span, never 500.
///
/// Spans are taken longest first (then closest kind). Every other candidate span
/// covering at least 80% of the chosen one's query range is the same copied code in
/// another corpus file (a file holding only a fragment of it is not). Among all the
/// files holding it, the source is picked by a stable rule — the closest kind of copy,
/// then most repository stars, then the file indexed first, then the path — and the
/// others are counted in `alsoIn`. Spans overlapping a chosen one by more than half
/// are not reported again.
struct AttributionRule: Sendable {
    static let description = "closest kind, then most stars, then first indexed, then path"

    func attribute(
        _ candidates: [CandidateSpan], files: [StoredFile], query: LexedDocument, hitCounts: [Int64: [Int]]
    ) -> [AttributedMatch] {
        let filesByContent = Dictionary(grouping: files, by: \.contentID)
        var pool = candidates.sorted {
            ($0.span.sharedTokens, $1.span.kind, $1.contentID) > ($1.span.sharedTokens, $0.span.kind, $0.contentID)
        }
        var matches: [AttributedMatch] = []
        while let best = pool.first {
            // Files holding the same copied code: spans covering at least 80% of the longest.
            let group = pool.filter { overlapOfFirst(best.span.query, $0.span.query) >= 0.8 }
            let holders = group.flatMap { member in (filesByContent[member.contentID] ?? []).map { (member, $0) } }
            guard let (member, file) = holders.min(by: {
                $0.0.span.kind != $1.0.span.kind ? $0.0.span.kind < $1.0.span.kind : Self.precedes($0.1, $1.1)
            }) else {
                pool.removeAll { overlap($0.span.query, best.span.query) >= 0.8 }
                continue
            }
            let span = member.span
            let hits = hitCounts[member.contentID] ?? [0, 0]
            matches.append(AttributedMatch(
                query: query.lines(of: span.query), queryTokens: span.query, tokens: span.query.count,
                characters: query.characters(of: span.query), kind: span.kind,
                source: file, sourceLines: member.source.lines(of: span.source), alsoIn: holders.count - 1,
                explanation: MatchExplanation(
                    exactFingerprints: hits[0], normalizedFingerprints: hits[1], runs: span.runs,
                    sharedTokens: span.sharedTokens, similarity: span.similarity,
                    licenseOrigin: file.licenseOrigin, rule: Self.description),
                spanHash: Self.spanHash(span.query, in: query)))
            let chosen = best.span.query
            pool.removeAll { overlap($0.span.query, chosen) >= 0.8 || overlapOfFirst($0.span.query, chosen) > 0.5 }
        }
        return matches.sorted { $0.queryTokens.lowerBound < $1.queryTokens.lowerBound }
    }

    /// The stable order of sources: more stars first, then earlier indexed, then path.
    static func precedes(_ a: StoredFile, _ b: StoredFile) -> Bool {
        if (a.stars ?? 0) != (b.stars ?? 0) { return (a.stars ?? 0) > (b.stars ?? 0) }
        if a.id != b.id { return a.id < b.id }
        return a.path < b.path
    }

    /// XXH3 of the span's normalized symbols, hashed as one k-gram of the span's length.
    static func spanHash(_ range: Range<Int>, in query: LexedDocument) -> UInt64 {
        KGramHasher(k: range.count, seed: 0).hashes(of: Array(query.symbols(.normalized)[range]))[0]
    }

    /// Overlap as a fraction of the shorter range.
    private func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Double {
        let shared = max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
        return Double(shared) / Double(max(1, min(a.count, b.count)))
    }

    /// Overlap as a fraction of `a`.
    private func overlapOfFirst(_ a: Range<Int>, _ b: Range<Int>) -> Double {
        let shared = max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
        return Double(shared) / Double(max(1, a.count))
    }
}
