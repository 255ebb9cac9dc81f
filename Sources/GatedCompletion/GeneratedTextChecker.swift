import CodeLexing
import IndexStore
import Matching
import ProvenanceCore
import Reporting

/// Checks generated text in its context: matches `prompt + generated + suffix`, keeps the matches
/// that run into the generated text, and attributes only their generated part.
///
/// Matching the context finds copies that start in the prompt and continue in the completion
/// (the prompt's part makes them long enough to report), but a match counts only when at least
/// `minGeneratedTokens` of its tokens are generated: a prompt that is itself copied code, with a
/// novel completion after it, is the user's business and never flagged.
///
/// Only the last `contextBytes` of the prompt and the first `contextBytes` of the suffix (cut
/// at line starts) are matched: a match needs generated tokens, so context far from the
/// insertion point only costs time.
struct GeneratedTextChecker: Sendable {
    let matcher: Matcher
    let policy: Policy
    let minGeneratedTokens: Int
    let contextBytes: Int

    /// The generated text's matches and the verdict on them.
    struct Check: Sendable {
        /// Attributed to the generated text; `query` lines count from its first line.
        var matches: [FileReport.Match]
        var verdict: PolicyAction
        /// The generated text's tokens (a token begun in the prompt included), with byte offsets
        /// and lines relative to the generated text.
        var generatedTokens: [Token]
    }

    /// The text around the generated part.
    struct Context: Sendable {
        var language: Language
        var path: String
        /// The end of the prompt, from a line start.
        var before: [UInt8]
        /// The start of the suffix, up to a line end.
        var after: [UInt8]

        /// Whether the generated text starts in the middle of a line.
        var startsMidLine: Bool { !before.isEmpty && before.last != UInt8(ascii: "\n") }
    }

    /// The context of a completion of `prompt` before `suffix`.
    func context(prompt: String, suffix: String?, language: Language, path: String) -> Context {
        Context(
            language: language, path: path, before: Self.tail(Array(prompt.utf8), limit: contextBytes),
            after: Self.head(Array((suffix ?? "").utf8), limit: contextBytes))
    }

    func check(_ generated: [UInt8], in context: Context) throws -> Check {
        let bytes = context.before + generated + context.after
        let start = context.before.count, end = start + generated.count
        let report: MatchReport
        do {
            report = try matcher.match(bytes, language: context.language)
        } catch {
            throw GatedCompletionError.checkFailed("\(error)")
        }
        let tokens = context.language.lexer.tokens(in: bytes)
        let first = tokens.firstIndex { $0.end > start } ?? tokens.endIndex
        let last = tokens[first...].firstIndex { $0.start >= end } ?? tokens.endIndex
        let baseLine = 1 + context.before.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        var generatedReport = report
        generatedReport.matches = report.matches.compactMap { match in
            let overlap = match.queryTokens.clamped(to: first..<last)
            guard overlap.count >= minGeneratedTokens else { return nil }
            return Self.generatedPart(of: match, overlap: overlap, tokens: tokens, bytes: bytes, baseLine: baseLine)
        }
        generatedReport.common = []
        generatedReport.nearDuplicates = []
        let file = FileReport(path: context.path, report: generatedReport, policy: policy, explain: false)
        let rebased = tokens[first..<last].map { token in
            Token(
                kind: token.kind, start: max(token.start, start) - start, end: token.end - start,
                line: max(1, token.line - Int32(baseLine) + 1), column: token.column)
        }
        return Check(matches: file.matches, verdict: file.verdict, generatedTokens: rebased)
    }

    // MARK: - The generated part

    /// `match` cut to its generated tokens `overlap`, with lines relative to the generated text.
    static func generatedPart(
        of match: AttributedMatch, overlap: Range<Int>, tokens: [Token], bytes: [UInt8], baseLine: Int
    ) -> AttributedMatch {
        let firstToken = tokens[overlap.lowerBound], lastToken = tokens[overlap.upperBound - 1]
        let firstLine = Int(firstToken.line)
        let lastLine = Int(lastToken.line) + bytes[lastToken.start..<lastToken.end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var part = match
        part.query = LineRange(startLine: max(1, firstLine - baseLine + 1), endLine: max(1, lastLine - baseLine + 1))
        part.queryTokens = overlap
        part.tokens = overlap.count
        part.characters = bytes[firstToken.start..<lastToken.end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        // Same line count on both sides: the copy keeps the source's layout, so lines map one to one.
        if match.query.count == match.sourceLines.count {
            let shift = match.sourceLines.startLine - match.query.startLine
            part.sourceLines = LineRange(startLine: firstLine + shift, endLine: lastLine + shift)
        }
        return part
    }

    // MARK: - Context

    /// The last `limit` bytes of `bytes` or fewer, from a line start when the last `limit` bytes
    /// hold one, else from a character boundary.
    static func tail(_ bytes: [UInt8], limit: Int) -> [UInt8] {
        guard bytes.count > limit else { return bytes }
        var cut = bytes.count - limit
        if let newline = bytes[cut...].firstIndex(of: UInt8(ascii: "\n")) {
            cut = newline + 1
        } else {
            while cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut += 1 }
        }
        return Array(bytes[cut...])
    }

    /// The first `limit` bytes of `bytes` or fewer, to a line end when the first `limit` bytes
    /// hold one, else to a character boundary.
    static func head(_ bytes: [UInt8], limit: Int) -> [UInt8] {
        guard bytes.count > limit else { return bytes }
        if let newline = bytes[..<limit].lastIndex(of: UInt8(ascii: "\n")) { return Array(bytes[...newline]) }
        var cut = limit
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return Array(bytes[..<cut])
    }
}
