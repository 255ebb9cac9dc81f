import Algorithms
import CodeLexing
import Fingerprinting
import IndexStore
import ProvenanceCore

/// The query path: which spans of some code were copied from which corpus files.
///
/// Lex the query; hash every k-gram (not only the winnowed ones) in both views; look
/// the hashes up in batches, leaving out common fingerprints; group hits by stored
/// content; add the few files that share a long run of the query's common shape
/// (`SharedShapes`); verify the best candidates token by token (`SpanAligner`); then
/// attribute each span to one source by a stable rule (`AttributionRule`).
///
/// ```swift
/// let matcher = Matcher(index: try IndexReader(path: "Index/default.sqlite"))
/// let report = try matcher.match(Array(code.utf8), language: .python)
/// for match in report.matches { print(match.query, match.source.repo, match.source.license) }
/// ```
public struct Matcher: Sendable {
    public let index: IndexReader
    public let options: MatchOptions

    public init(index: IndexReader, options: MatchOptions = .default) {
        self.index = index
        self.options = options
    }

    /// Matches `bytes`, read as `language`, against the index (one snapshot of it).
    public func match(_ bytes: [UInt8], language: Language) throws -> MatchReport {
        try index.snapshot("match \(language.rawValue) code") { try match(bytes, language: language, in: $0) }
    }

    private func match(_ bytes: [UInt8], language: Language, in index: IndexSnapshot) throws -> MatchReport {
        let fingerprinter = index.reader.fingerprinter
        let query = LexedDocument(bytes: bytes, language: language, hasher: fingerprinter.tokenHasher)
        var seeds = IntegerTable<[(Int, Int)]>()
        var hitCounts = IntegerTable<SIMD2<Int>>()  // exact, normalized
        var commonPositions = Set<Int>()
        var sharedShapes = SharedShapes()
        var rareNames = RareNames()
        var exactCommonBefore: [Int] = [0]
        for view in TokenView.allCases {
            let hashes = fingerprinter.kgramHashes(exact: query.symbols(.exact), normalized: query.symbols(.normalized), view: view)
            // How many contents hold each position's k-gram when it is common: looked up once here.
            let commonCounts = try index.commonCounts(of: hashes, view: view)
            let isCommon = commonCounts.map { $0 != nil }
            var lookedUp: [UInt64] = []
            lookedUp.reserveCapacity(hashes.count)
            for (position, hash) in hashes.enumerated() {
                if isCommon[position] { commonPositions.insert(position) } else { lookedUp.append(hash) }
            }
            if view == .exact {
                // Common exact k-grams among the first p positions, for each p.
                for common in isCommon { exactCommonBefore.append(exactCommonBefore.last! + (common ? 1 : 0)) }
            } else {
                sharedShapes = SharedShapes(
                    hashes, commonCounts: commonCounts, exactCommonBefore: exactCommonBefore, options: options, parameters: fingerprinter.parameters)
                rareNames = RareNames(
                    hashes, commonCounts: commonCounts, exactCommonBefore: exactCommonBefore, options: options, parameters: fingerprinter.parameters)
            }
            let hits = try index.hits(for: lookedUp, view: view)
            guard !hits.isEmpty else { continue }
            // The query positions of each hash hit: few hashes, in the hits' order, searched
            // by bisection (a query has hundreds of positions and most hit nothing).
            var hitHashes: [Int64] = []
            for hit in hits where hitHashes.last != Int64(bitPattern: hit.hash) { hitHashes.append(Int64(bitPattern: hit.hash)) }
            precondition(zip(hitHashes, hitHashes.dropFirst()).allSatisfy { $0 < $1 }, "hits come in hash order")
            var positions = Array(repeating: [Int](), count: hitHashes.count)
            for (position, hash) in hashes.enumerated() where !isCommon[position] {
                let key = Int64(bitPattern: hash)
                let index = hitHashes.partitioningIndex { $0 >= key }
                if index < hitHashes.count, hitHashes[index] == key { positions[index].append(position) }
            }
            // A content per hit at most, and rarely many more hits than contents: one
            // resize instead of a doubling after another (each moves every seed list).
            seeds.reserve(seeds.count + min(hits.count, Self.contentsReserved))
            hitCounts.reserve(hitCounts.count + min(hits.count, Self.contentsReserved))
            var hashIndex = 0
            for hit in hits {
                while hitHashes[hashIndex] != Int64(bitPattern: hit.hash) { hashIndex += 1 }
                seeds.update(hit.contentID, initial: []) { seeds in
                    for position in positions[hashIndex] { seeds.append((position, Int(hit.position))) }
                }
                hitCounts.update(hit.contentID, initial: .zero) { $0[Int(view.rawValue)] += 1 }
            }
        }
        let chainLimit = fingerprinter.parameters.w + options.maxGap
        var scored: [(content: Int64, score: Int)] = []
        seeds.forEach { content, contentSeeds in
            let score = Self.longestChain(contentSeeds, maxStep: chainLimit, maxDrift: options.maxGap)
            if score >= options.minChainSeeds { scored.append((content, score)) }
        }
        var candidates = scored.sorted { ($0.score, $1.content) > ($1.score, $0.content) }.prefix(options.maxCandidates).map(\.content)
        let chained = candidates.count
        candidates += try sharedShapes.candidates(in: index, seeds: &seeds, hitCounts: &hitCounts, excluding: Set(candidates))
        candidates += try rareNames.candidates(query: query, in: index, seeds: &seeds, excluding: Set(candidates))
        var found: [CandidateSpan] = []
        let aligner = SpanAligner(options: options, commonNames: index.reader.commonNames)
        let reportable = ReportableSpans(options: options, commonNames: index.reader.commonNames)
        let bound = SpanBound(maxGap: options.maxGap)
        let queryDigests = index.hasTokenDigests
            ? zip(query.symbols(.exact), query.symbols(.normalized)).map(TokenDigests.digest) : []
        var reportableQuery: ReportableQuery?  // made for the first candidate that needs it
        var holdsWholeQuery = false
        for (rank, contentID) in candidates.enumerated() {
            let contentSeeds = seeds[contentID]!
            // Most candidates share only chance k-grams: with the stored tokens' digests at
            // hand, one that cannot hold a reportable span is never read, and of one that can,
            // only the windows that can change what is found (a large file of repetitive code
            // has chance seeds all over it).
            var reach: SpanBound.Reach?
            if let digests = index.tokenDigests(of: contentID) {
                // Once a file holds the whole query exactly, that copy is the one match
                // reported: only another file holding all of it exactly can change which
                // source is named or how many others hold it (`AttributionRule`).
                if holdsWholeQuery, !SpanBound.mayHoldWhole(query: queryDigests, source: digests, seeds: contentSeeds) { continue }
                reach = bound.reach(
                    query: queryDigests, source: digests, seeds: contentSeeds, minTokens: options.minTokens
                ) {
                    if reportableQuery == nil { reportableQuery = ReportableQuery(query, reportable: reportable) }
                    return reportableQuery!
                }
                guard reach!.longest >= options.minTokens else { continue }
            }
            let positions = contentSeeds.map(\.1), k = fingerprinter.parameters.k
            func verified(_ windows: [Range<Int>], inside: Bool) throws -> [(source: LexedDocument, spans: [AlignedSpan])]? {
                guard let content = try index.content(id: contentID, windows: windows) else { return [] }
                var verified: [(source: LexedDocument, spans: [AlignedSpan])] = []
                for window in windows {
                    let source = LexedDocument(content: content, window: window, hasher: fingerprinter.tokenHasher)
                    let local = contentSeeds.filter { window.contains($0.1) }.map { ($0.0, $0.1 - source.first) }
                    guard let spans = inside
                        ? aligner.spansInside(query: query, source: source, seeds: local)
                        : aligner.spans(query: query, source: source, seeds: local) else { return nil }
                    verified.append((source, spans))
                }
                return verified
            }
            // A shared-shape candidate is seeded by its common fingerprints too: its runs
            // reach no further than a winnowing window past its seeds.
            let margin = rank < chained ? options.windowMargin : options.sharedShapeWindowMargin
            // Most candidates share only a fragment with the query, so narrow windows around
            // the same clusters of seeds are verified first, then windows of half the margin:
            // when they match the widest windows one to one and every run ends inside them,
            // the widest would give the same spans, with several times the tokens lexed.
            let widest = Self.windows(around: positions, k: k, margin: margin)
            var results: [(source: LexedDocument, spans: [AlignedSpan])]?
            for tried in [options.narrowWindowMargin, margin / 2] where results == nil {
                let windows = Self.windows(around: positions, k: k, margin: tried)
                if windows.count == widest.count { results = try verified(Self.windows(windows, worthVerifying: reach, inside: true), inside: true) }
            }
            for (source, spans) in try results ?? verified(Self.windows(widest, worthVerifying: reach, inside: false), inside: false)! {
                for span in spans {
                    // From a shared-shape candidate only an exact run or a renaming counts: an
                    // edited span there is another file of the pattern with its own strings,
                    // which is the pattern's common code.
                    if rank >= chained, span.kind == .edited { continue }
                    guard let span = reportable.reportable(span, query: query, source: source) else { continue }
                    found.append(CandidateSpan(contentID: contentID, span: span, source: source))
                    if span.kind == .exact, span.query == query.tokens.indices { holdsWholeQuery = true }
                }
            }
        }
        let files = try index.files(withContents: Array(Set(found.map(\.contentID))))
        let matches = AttributionRule().attribute(found, files: files, query: query, hitCounts: hitCounts)
        return MatchReport(
            language: language, tokens: query.tokens.count, matches: matches,
            common: commonRegions(commonPositions, query: query, excluding: matches),
            nearDuplicates: try nearDuplicates(of: query, in: index))
    }

    /// The most contents a lookup's hits make room for at once.
    static let contentsReserved = 1 << 14

    /// Token windows of a stored file worth verifying: each cluster of seed positions
    /// widened by `margin` tokens on both sides (clusters closer than that merge).
    ///
    /// A copied run cannot reach much past its outermost seeds: every w k-grams of it
    /// hold a stored fingerprint, which the query (hashing every k-gram) would hit. The
    /// margin leaves room for runs through common fingerprints, which are not looked up.
    static func windows(around positions: [Int], k: Int, margin: Int) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        for position in positions.sorted() {
            let window = max(0, position - margin)..<(position + k + margin)
            if let last = windows.last, window.lowerBound <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                windows.append(window)
            }
        }
        return windows
    }

    /// The `windows` whose verification can change what is found, given what the digests
    /// say of their seeds (`reach`; nil: all of them): those with a seed that can be part
    /// of a reportable span and, when `inside` (every run must end inside its window, or
    /// the windows are widened), those with a seed whose run may reach the window's edge.
    /// The others hold only runs too short to report that end inside them.
    static func windows(_ windows: [Range<Int>], worthVerifying reach: SpanBound.Reach?, inside: Bool) -> [Range<Int>] {
        guard let reach else { return windows }
        return windows.filter { window in
            reach.seeds.contains { seed in
                window.contains(seed.position) && (seed.reaching || inside && seed.run.map {
                    $0.lowerBound <= window.lowerBound || $0.upperBound >= window.upperBound
                } ?? false)
            }
        }
    }

    /// The most seeds on one chain: seeds in query order whose consecutive members are at
    /// most `maxStep` query tokens apart and drift at most `maxDrift` between diagonals.
    ///
    /// A copied run leaves its seeds on one diagonal, at most w k-grams apart (every window
    /// of w k-grams holds a stored fingerprint); chance hits of common shapes scatter.
    static func longestChain(_ seeds: [(Int, Int)], maxStep: Int, maxDrift: Int) -> Int {
        // Most contents hit once: no chain to look for.
        guard seeds.count > 1 else { return seeds.count }
        // Distinct seeds in order, by sorting then dropping repeats (cheaper than hashing each).
        var ordered = seeds.map { SIMD2($0.0, $0.1) }
        ordered.sort { ($0.x, $0.y) < ($1.x, $1.y) }
        var distinct = 1
        for index in 1..<ordered.count where ordered[index] != ordered[distinct - 1] {
            ordered[distinct] = ordered[index]
            distinct += 1
        }
        ordered.removeLast(ordered.count - distinct)
        var best = Array(repeating: 1, count: ordered.count)
        for j in ordered.indices {
            var i = j - 1
            while i >= 0, ordered[j].x - ordered[i].x <= maxStep {
                let drift = abs((ordered[j].y - ordered[j].x) - (ordered[i].y - ordered[i].x))
                if ordered[i].x < ordered[j].x, drift <= maxDrift { best[j] = max(best[j], best[i] + 1) }
                i -= 1
            }
        }
        return best.max() ?? 0
    }

    /// Merges the k-grams of common fingerprints into regions outside the reported matches.
    private func commonRegions(_ positions: Set<Int>, query: LexedDocument, excluding matches: [AttributedMatch]) -> [CommonRegion] {
        let k = index.metadata.parameters.k
        var regions: [CommonRegion] = []
        var current: (range: Range<Int>, count: Int)?
        for position in positions.sorted() {
            let gram = position..<min(position + k, query.tokens.count)
            if let open = current, gram.lowerBound <= open.range.upperBound {
                current = (open.range.lowerBound..<max(open.range.upperBound, gram.upperBound), open.count + 1)
            } else {
                if let open = current { regions.append(CommonRegion(query: query.lines(of: open.range), fingerprints: open.count)) }
                current = (gram, 1)
            }
        }
        if let open = current { regions.append(CommonRegion(query: query.lines(of: open.range), fingerprints: open.count)) }
        return regions.filter { region in
            !matches.contains { $0.query.startLine <= region.query.startLine && region.query.endLine <= $0.query.endLine }
        }
    }

    private func nearDuplicates(of query: LexedDocument, in index: IndexSnapshot) throws -> [NearDuplicate] {
        let signature = index.reader.fingerprinter.minHasher.signature(ofNormalizedSymbols: query.symbols(.normalized))
        // Shingle sets ignore repetition and length: a file made of the same few statement
        // shapes resembles any fragment of itself. Files of very different sizes are not
        // near-duplicates, whatever their sets say.
        let queryTokens = Double(query.tokens.count)
        let similar = try index.nearDuplicates(of: signature, minimum: options.nearDuplicateJaccard).filter { candidate in
            min(queryTokens, Double(candidate.tokens)) >= options.nearDuplicateJaccard * max(queryTokens, Double(candidate.tokens))
        }
        let jaccard = Dictionary(uniqueKeysWithValues: similar.map { ($0.contentID, $0.jaccard) })
        return try index.files(withContents: similar.map(\.contentID))
            .map { NearDuplicate(source: $0, estimatedJaccard: jaccard[$0.contentID] ?? 0) }
            .sorted { ($0.estimatedJaccard, -$0.source.id) > ($1.estimatedJaccard, -$1.source.id) }
    }
}

/// A verified span in one candidate content, before attribution.
struct CandidateSpan: Sendable {
    let contentID: Int64
    let span: AlignedSpan
    let source: LexedDocument
}
