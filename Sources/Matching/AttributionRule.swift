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
/// then the most tokens unchanged (of many files written to one pattern, the one whose
/// names and strings the copy kept), then most repository stars, then the file indexed
/// first, then the path — and the others holding it as closely are counted in `alsoIn`. Spans overlapping a chosen one by more than half
/// are not reported again.
struct AttributionRule: Sendable {
    static let description = "closest kind, then most tokens unchanged, then most stars, then first indexed, then path"

    func attribute(
        _ candidates: [CandidateSpan], files: [StoredFile], query: LexedDocument, hitCounts: IntegerTable<SIMD2<Int>>
    ) -> [AttributedMatch] {
        let filesByContent = Dictionary(grouping: files, by: \.contentID)
        var pool = candidates.sorted {
            ($0.span.sharedTokens, $1.span.kind, $1.contentID) > ($1.span.sharedTokens, $0.span.kind, $0.contentID)
        }
        var matches: [AttributedMatch] = []
        while let best = pool.first {
            // Files holding the same copied code: spans covering at least 80% of the longest.
            let group = pool.filter { overlapOfFirst(best.span.query, $0.span.query) >= 0.8 }
            let unchanged = Dictionary(group.map { ($0.contentID, Self.unchangedTokens($0, query: query)) }, uniquingKeysWith: max)
            let holders = group.flatMap { member in (filesByContent[member.contentID] ?? []).map { (member, $0) } }
            guard let (member, file) = holders.min(by: {
                if $0.0.span.kind != $1.0.span.kind { return $0.0.span.kind < $1.0.span.kind }
                let (a, b) = (unchanged[$0.0.contentID]!, unchanged[$1.0.contentID]!)
                return a != b ? a > b : Self.precedes($0.1, $1.1)
            }) else {
                pool.removeAll { overlap($0.span.query, best.span.query) >= 0.8 }
                continue
            }
            let span = member.span
            let hits = hitCounts[member.contentID] ?? .zero
            // The same span: as close a copy of the same kind (files of one pattern with
            // other strings hold a renaming of it, not it).
            let sameSpan = holders.filter {
                $0.0.span.kind == span.kind && unchanged[$0.0.contentID] == unchanged[member.contentID]
            }
            matches.append(AttributedMatch(
                query: query.lines(of: span.query), queryTokens: span.query, tokens: span.query.count,
                characters: query.characters(of: span.query), kind: span.kind,
                source: file, sourceLines: member.source.lines(of: span.source), alsoIn: sameSpan.count - 1,
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

    /// Tokens of a candidate span equal in the exact view on both sides.
    static func unchangedTokens(_ candidate: CandidateSpan, query: LexedDocument) -> Int {
        let queryExact = query.symbols(.exact), sourceExact = candidate.source.symbols(.exact)
        let shift = candidate.span.source.lowerBound - candidate.span.query.lowerBound
        guard candidate.span.kind != .edited else { return candidate.span.sharedTokens }
        return candidate.span.query.reduce(0) { $0 + (queryExact[$1] == sourceExact[$1 + shift] ? 1 : 0) }
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
