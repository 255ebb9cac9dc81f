import CodeLexing
import Fingerprinting
import ProvenanceCore

/// Which verified spans are copies worth reporting, and their reported extent.
///
/// A span is cut back to whole query lines: a line the copy only touches (a `def`
/// after a copied block, the tail of a host statement) is not copied code. What is
/// left is reported when it has at least `minTokens` tokens (shared tokens, for an
/// edited span), has code (not only brackets) on at least `minLines` lines, and is
/// not repetitive: its distinct token 4-grams — in the exact view for an exact span,
/// else the normalized view — number at least half of `minTokens`. That rule keeps out import lists,
/// `self.x = x` blocks and tables, whose normalized shape every file shares; a
/// renamed span that fails it is still reported when it keeps at least six of the
/// source's strings and numbers and most of them (a copied table of tests), or at least
/// `SpanAligner.rareNamesKept` of the source's rare names outside import and package
/// lines (annotations and declarations after a copied header; an import list alone
/// shares its names with every file that uses the same libraries).
struct ReportableSpans: Sendable {
    let options: MatchOptions
    /// Names too frequent in the corpus to tell a source (`IndexReader.commonNames`).
    var commonNames: Set<UInt64> = []

    /// The reportable part of `span`, or nil.
    func reportable(_ span: AlignedSpan, query: LexedDocument, source: LexedDocument) -> AlignedSpan? {
        guard let span = trimmedToLines(span, query: query) else { return nil }
        let tokens = span.kind == .edited ? span.sharedTokens : span.query.count
        guard tokens >= options.minTokens, codeLines(span.query, in: query) >= options.minLines else { return nil }
        let view: TokenView = span.kind == .exact ? .exact : .normalized
        if distinctShapes(span.query, in: query.symbols(view)) * 2 >= options.minTokens { return span }
        // Repetitive code copied with its strings and numbers (a table of tests, messages)
        // is still a copy: most of its many literals are the source's own.
        guard span.kind == .renamed else { return nil }
        return sharesLiterals(span, query: query, source: source) || keepsRareNames(span, query: query, source: source) ? span : nil
    }

    /// Query lines on which `range` has a name, keyword or literal: a line of closing
    /// brackets (`});`) that happens to follow a copy in both files is not a copied line.
    func codeLines(_ range: Range<Int>, in query: LexedDocument) -> Int {
        var lines = Set<Int32>()
        for token in query.tokens[range] where token.kind != .operator { lines.insert(token.line) }
        return lines.count
    }

    /// Whether a renamed span keeps at least `Self.literalEvidence` of the source's
    /// literals and more than half of all of them.
    func sharesLiterals(_ span: AlignedSpan, query: LexedDocument, source: LexedDocument) -> Bool {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        let shift = span.source.lowerBound - span.query.lowerBound
        var literals = 0, kept = 0
        for q in span.query where query.tokens[q].kind == .string || query.tokens[q].kind == .number {
            literals += 1
            if queryExact[q] == sourceExact[q + shift] { kept += 1 }
        }
        return kept >= Self.literalEvidence && kept * 2 > literals
    }

    /// Whether a renamed span keeps at least `SpanAligner.rareNamesKept` names of the source
    /// that are not common, outside lines that start with `import`, `package` or `from`.
    func keepsRareNames(_ span: AlignedSpan, query: LexedDocument, source: LexedDocument) -> Bool {
        let queryExact = query.symbols(.exact), sourceExact = source.symbols(.exact)
        let shift = span.source.lowerBound - span.query.lowerBound
        var kept = Set<UInt64>()
        var line: Int32 = -1, importing = false
        for q in span.query {
            let token = query.tokens[q]
            if token.line != line {
                line = token.line
                importing = token.kind == .keyword && Self.importKeywords.contains(query.bytes[token.start..<token.end])
            }
            if !importing, token.kind == .identifier, queryExact[q] == sourceExact[q + shift], !commonNames.contains(queryExact[q]) {
                kept.insert(queryExact[q])
            }
        }
        return kept.count >= SpanAligner.rareNamesKept
    }

    /// Keywords that start an import or package line.
    static let importKeywords: [ArraySlice<UInt8>] = ["import", "package", "from"].map { ArraySlice($0.utf8) }

    /// Unchanged literals that make a repetitive renamed span a copy.
    static let literalEvidence = 6

    /// `span` without the query lines it covers only in part; nil when nothing is left.
    func trimmedToLines(_ span: AlignedSpan, query: LexedDocument) -> AlignedSpan? {
        let tokens = query.tokens
        var start = span.query.lowerBound, end = span.query.upperBound
        if start > 0, query.lastLine(of: start - 1) == tokens[start].line {
            let line = tokens[start].line
            while start < end, tokens[start].line == line { start += 1 }
        }
        if end < tokens.count, end > start, tokens[end].line == query.lastLine(of: end - 1) {
            let line = tokens[end].line
            while end > start, query.lastLine(of: end - 1) == line { end -= 1 }
        }
        guard start < end else { return nil }
        let cutStart = start - span.query.lowerBound, cutEnd = span.query.upperBound - end
        guard cutStart + cutEnd < span.source.count else { return nil }
        var trimmed = span
        trimmed.query = start..<end
        trimmed.source = (span.source.lowerBound + cutStart)..<(span.source.upperBound - cutEnd)
        trimmed.sharedTokens = max(0, span.sharedTokens - cutStart - cutEnd)
        return trimmed
    }

    /// Distinct 4-grams of `symbols` within `range`.
    func distinctShapes(_ range: Range<Int>, in symbols: [UInt64]) -> Int {
        guard range.count >= 4 else { return 0 }
        return Set((range.lowerBound...(range.upperBound - 4)).map { Self.shape(at: $0, in: symbols) }).count
    }

    /// For each start, the least end of a range of `symbols` with enough distinct 4-grams
    /// to be reported (`Int.max` when none has): ranges grow one way, so two pointers.
    func shapesEnds(_ symbols: [UInt64]) -> [Int] {
        let needed = (options.minTokens + 1) / 2
        let shapes = symbols.count < 4 ? [] : (0...(symbols.count - 4)).map { Self.shape(at: $0, in: symbols) }
        var counts = IntegerTable<Int>(capacity: shapes.count)
        var distinct = 0, next = 0  // shapes[start..<next] are counted
        var ends: [Int] = []
        ends.reserveCapacity(symbols.count)
        for start in symbols.indices {
            while distinct < needed, next < shapes.count {
                counts.update(shapes[next], initial: 0) { count in
                    if count == 0 { distinct += 1 }
                    count += 1
                }
                next += 1
            }
            // The 4-gram at next - 1 ends at next + 3.
            ends.append(distinct >= needed && needed > 0 ? next + 3 : needed <= 0 ? start : Int.max)
            if start < next {
                counts.update(shapes[start], initial: 0) { count in
                    count -= 1
                    if count == 0 { distinct -= 1 }
                }
            }
        }
        return ends
    }

    /// The 4-gram of `symbols` at `start`, hashed (FNV-1a over the symbols).
    private static func shape(at start: Int, in symbols: [UInt64]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for symbol in symbols[start..<start + 4] { hash = (hash ^ symbol) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
