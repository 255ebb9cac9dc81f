import CodeLexing
import Foundation
import Fingerprinting
import ProvenanceCore
import ProvenanceTestSupport

/// Makes the copies the quality benchmark looks for: a span of real corpus code,
/// reformatted, renamed or edited the way people and models change code they copy.
///
/// Each transformation is checked with the lexer: a reformatted copy must keep the
/// exact token stream, a renamed one the normalized stream with different exact
/// tokens, so a miss is the matcher's fault and never the generator's.
struct SpanTransformer {
    let language: Language
    let hasher = TokenHasher(seed: 0)
    var random: SeededGenerator

    init(language: Language, random: SeededGenerator) {
        self.language = language
        self.random = random
    }

    private var lineComment: String { language.commentSyntax.line }
    private var usesBraces: Bool { language != .python }

    func symbols(_ text: String, view: TokenView) -> [UInt64] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            hasher.symbols(of: language.lexer.tokens(in: buffer), in: buffer, view: view)
        }
    }

    // MARK: - Reformatted: same tokens, other layout and comments

    /// The span with other spacing inside lines, other indentation, extra blank and
    /// comment lines, and (brace languages) opening braces moved and short lines joined.
    /// Nil when the lexer would read the result as other tokens.
    mutating func reformat(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let tokens = language.lexer.tokens(in: bytes)
        guard let first = tokens.first else { return nil }
        var out = String(decoding: bytes[..<first.start], as: UTF8.self)
        for (index, token) in tokens.enumerated() {
            out += String(decoding: bytes[token.range], as: UTF8.self)
            let gapEnd = index + 1 < tokens.count ? tokens[index + 1].start : bytes.count
            let gap = String(decoding: bytes[token.end..<gapEnd], as: UTF8.self)
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            out += newGap(gap, after: token, text: bytes, before: next)
        }
        guard symbols(out, view: .exact) == symbols(text, view: .exact) else { return nil }
        return out
    }

    private mutating func newGap(_ gap: String, after token: Token, text: [UInt8], before next: Token?) -> String {
        guard let next else { return gap }
        if gap.contains(where: { !$0.isWhitespace }) { return gap }  // keep comments where they are
        // A CRLF line break is one Character, not "\n": reformatting writes LF line breaks.
        let gap = gap.replacingOccurrences(of: "\r\n", with: "\n")
        if gap.contains("\n") {
            let newlines = gap.filter { $0 == "\n" }.count
            let indent = gap.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let width = indent.filter { $0 == " " }.count + 4 * indent.filter { $0 == "\t" }.count
            // Python keeps its block structure; indentation is halved consistently.
            let newIndent = String(repeating: " ", count: usesBraces ? width / 4 * Int.random(in: 2...3, using: &random) : width / 2)
            if usesBraces && newlines == 1 && text[token.start] == UInt8(ascii: ",") && Double.random(in: 0..<1, using: &random) < 0.3 {
                return " "  // join a line continued after a comma
            }
            var lines = String(repeating: "\n", count: newlines - 1)
            if Double.random(in: 0..<1, using: &random) < 0.15 { lines += "\n" }
            if Double.random(in: 0..<1, using: &random) < 0.1 { lines += "\n" + newIndent + lineComment + " reviewed" }
            return lines + "\n" + newIndent
        }
        let left = text[token.start]
        let right = text[next.start]
        if usesBraces && right == UInt8(ascii: "{") && Double.random(in: 0..<1, using: &random) < 0.4 {
            return "\n"
        }
        let tight: Set<UInt8> = Set("()[]{},;".utf8)
        let bothOperators = token.kind == .operator && next.kind == .operator
        guard !bothOperators, tight.contains(left) || tight.contains(right) else { return gap.isEmpty ? gap : " " }
        return Bool.random(using: &random) ? "" : " "
    }

    // MARK: - Renamed: same normalized tokens, other names and literals

    /// The span with about half its distinct identifiers renamed consistently and some
    /// numbers and strings changed. Nil when nothing could be renamed.
    mutating func rename(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let tokens = language.lexer.tokens(in: bytes)
        let names = Set(tokens.filter { $0.kind == .identifier }.map { String(decoding: bytes[$0.range], as: UTF8.self) })
        var renames: [String: String] = [:]
        for name in names.sorted() where Bool.random(using: &random) {
            renames[name] = freshName()
        }
        guard !renames.isEmpty else { return nil }
        var out = ""
        var cursor = 0
        for token in tokens {
            out += String(decoding: bytes[cursor..<token.start], as: UTF8.self)
            let original = String(decoding: bytes[token.range], as: UTF8.self)
            switch token.kind {
            case .identifier: out += renames[original] ?? original
            case .number where Double.random(in: 0..<1, using: &random) < 0.5: out += String(Int.random(in: 2...9999, using: &random))
            case .string where Double.random(in: 0..<1, using: &random) < 0.3: out += changedString(original)
            default: out += original
            }
            cursor = token.end
        }
        out += String(decoding: bytes[cursor...], as: UTF8.self)
        guard symbols(out, view: .normalized) == symbols(text, view: .normalized),
              symbols(out, view: .exact) != symbols(text, view: .exact)
        else { return nil }
        return out
    }

    /// A plain one-line string literal with other contents; others unchanged.
    private mutating func changedString(_ literal: String) -> String {
        guard let quote = literal.first, quote == "\"" || quote == "'", literal.count >= 2, literal.last == quote,
              !literal.contains("\n"), !literal.contains("\\")
        else { return literal }
        return "\(quote)\(freshName())\(quote)"
    }

    private static let syllables = ["ka", "lo", "mi", "tor", "ven", "sul", "dra", "pex", "qui", "bar", "nel", "fos"]

    private mutating func freshName() -> String {
        (0..<3).map { _ in Self.syllables.randomElement(using: &random)! }.joined() + String(Int.random(in: 0...99, using: &random))
    }

    // MARK: - Edited: small insertions, deletions and changes

    /// The span with about one edit per 12 lines: a line deleted, a new statement
    /// inserted, or one token of a line replaced. Nil for spans too short to edit.
    mutating func edit(_ text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let meaningful = lines.indices.filter { !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        guard meaningful.count >= 3 else { return nil }
        let edits = max(1, meaningful.count / 12)
        // Edit positions spread over the span, away from its first and last lines.
        let positions = (0..<edits).map { part in
            let low = 1 + part * (lines.count - 2) / edits
            let high = max(low, (part + 1) * (lines.count - 2) / edits)
            return Int.random(in: low...high, using: &random)
        }
        for position in positions.sorted(by: >) where position < lines.count {
            let indent = String(lines[position].prefix { $0 == " " || $0 == "\t" })
            switch Int.random(in: 0..<3, using: &random) {
            case 0: lines.remove(at: position)
            case 1: lines.insert(indent + statement(), at: position)
            default: lines[position] = changedToken(in: lines[position])
            }
        }
        let out = lines.joined(separator: "\n")
        return out == text ? nil : out
    }

    private mutating func statement() -> String {
        let call = "\(freshName())(\(freshName()), \(Int.random(in: 2...99, using: &random)))"
        return usesBraces ? "\(freshName()) = \(call);" : "\(freshName()) = \(call)"
    }

    /// The line with one identifier or number replaced.
    private mutating func changedToken(in line: String) -> String {
        let bytes = Array(line.utf8)
        let tokens = language.lexer.tokens(in: bytes).filter { $0.kind == .identifier || $0.kind == .number }
        guard let token = tokens.randomElement(using: &random) else { return line }
        let replacement = token.kind == .number ? String(Int.random(in: 2...9999, using: &random)) : freshName()
        return String(decoding: bytes[..<token.start], as: UTF8.self) + replacement + String(decoding: bytes[token.end...], as: UTF8.self)
    }
}
