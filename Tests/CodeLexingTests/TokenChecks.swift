import CodeLexing
import ProvenanceCore

/// Helpers the lexer tests share: printing a token stream, and checking the
/// invariants every lexer promises against naive, independent recounts.
enum TokenChecks {
    /// One lexer per distinct configuration: the three own lexers, TypeScript,
    /// and the generic lexer under each comment syntax and language quirk.
    static let languages: [Language] = Language.allCases

    // MARK: - Printing

    /// The tokens as golden-file text: one line `kind line:column text` per token.
    static func render(_ tokens: [Token], in source: [UInt8]) -> String {
        tokens.map { token in
            "\(token.kind.name) \(token.line):\(token.column) \(escaped(source[token.range]))\n"
        }.joined()
    }

    /// Token text on one line: `\n`, `\r`, `\t` and `\\` escaped, other control
    /// bytes and bytes of invalid UTF-8 as `\xNN`.
    static func escaped(_ bytes: ArraySlice<UInt8>) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return bytes.map { $0 < 0x80 ? escaped(Unicode.Scalar($0)) : hex($0) }.joined()
        }
        return text.unicodeScalars.map(escaped).joined()
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\\": return "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: return hex(UInt8(scalar.value))
        default: return String(scalar)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])"
    }

    // MARK: - Invariants

    /// What is wrong with `tokens` as the lexing of `source`; empty when nothing.
    ///
    /// Checks that tokens are non-empty, in bounds, increasing and disjoint; that
    /// every byte between tokens is whitespace or comment; and, with
    /// `checkLocations`, each token's line and column against a naive recount
    /// (quadratic, so only for small inputs).
    static func violations(
        of tokens: [Token], in source: [UInt8], language: Language, checkLocations: Bool = true
    ) -> [String] {
        var problems: [String] = []
        let rules = CommentRules(language)
        var previousEnd = 0
        for (index, token) in tokens.enumerated() {
            guard token.start < token.end, token.start >= previousEnd, token.end <= source.count else {
                problems.append("token \(index) \(token.range) is empty, out of order or out of bounds")
                break
            }
            if let gap = unexplainedGap(in: source, from: previousEnd, to: token.start, rules: rules) {
                problems.append("bytes \(gap) before token \(index) are in no token and no comment")
            }
            if checkLocations {
                let expected = naiveLocation(of: token.start, in: source)
                if expected.line != token.line || expected.column != token.column {
                    problems.append(
                        "token \(index) at \(token.start) is at \(token.line):\(token.column), "
                            + "a recount says \(expected.line):\(expected.column)")
                }
            }
            previousEnd = token.end
        }
        if problems.isEmpty, let gap = unexplainedGap(in: source, from: previousEnd, to: source.count, rules: rules) {
            problems.append("bytes \(gap) after the last token are in no token and no comment")
        }
        return problems
    }

    /// Line and column recounted from scratch: lines after each `\n`, columns as
    /// the Unicode scalars Swift decodes from the line so far (an invalid
    /// sequence becomes one U+FFFD).
    static func naiveLocation(of offset: Int, in source: [UInt8]) -> (line: Int32, column: Int32) {
        let before = source[..<offset]
        let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: source[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return (Int32(line), Int32(column))
    }

    // MARK: - Gaps

    /// What the gap check needs to know of a language's comments.
    private struct CommentRules {
        let lineIntroducers: [[UInt8]]
        let block: (open: [UInt8], close: [UInt8])?
        let nests: Bool
        let joinsLines: Bool
        let skipsShebang: Bool

        init(_ language: Language) {
            let syntax = language.commentSyntax
            lineIntroducers = [syntax.line, syntax.alsoLine].compactMap { $0 }.map { Array($0.utf8) }
            block = syntax.block.map { (Array($0.open.utf8), Array($0.close.utf8)) }
            nests = [.rust, .swift, .kotlin, .scala].contains(language)
            joinsLines = language == .python
            skipsShebang = language == .javascript || language == .typescript
        }
    }

    /// The part of `source[start..<end]` that is neither whitespace nor comment,
    /// or `nil` when the whole gap is. A second, simpler reading of comment
    /// syntax than the lexers' own: it only has to accept what they skip.
    private static func unexplainedGap(
        in source: [UInt8], from start: Int, to end: Int, rules: CommentRules
    ) -> Range<Int>? {
        var index = start
        func looking(at literal: [UInt8], _ offset: Int) -> Bool {
            offset + literal.count <= end && source[offset..<(offset + literal.count)].elementsEqual(literal)
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        while index < end {
            let byte = source[index]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                index += 1
            } else if index == 0, looking(at: bom, 0) {
                index = 3
            } else if rules.joinsLines, looking(at: [0x5C, 0x0A], index) || looking(at: [0x5C, 0x0D, 0x0A], index) {
                index += source[index + 1] == 0x0D ? 3 : 2
            } else if rules.skipsShebang, looking(at: [0x23, 0x21], index),
                index == 0 || (index == 3 && looking(at: bom, 0))
            {
                index = source[index..<end].firstIndex(of: 0x0A) ?? end
            } else if rules.lineIntroducers.contains(where: { looking(at: $0, index) }) {
                // A line comment runs to its newline, or else to the end of the file.
                guard let newline = source[index..<end].firstIndex(of: 0x0A) else {
                    return end == source.count ? nil : start..<end
                }
                index = newline
            } else if let (open, close) = rules.block, looking(at: open, index) {
                var depth = 1
                index += open.count
                while index < end, depth > 0 {
                    if looking(at: close, index) {
                        depth = rules.nests ? depth - 1 : 0
                        index += close.count
                    } else if rules.nests, looking(at: open, index) {
                        depth += 1
                        index += open.count
                    } else {
                        index += 1
                    }
                }
                // A comment still open at the gap's end must be open at the end of the file.
                if depth > 0, end != source.count {
                    return start..<end
                }
            } else {
                return index..<end
            }
        }
        return nil
    }
}
