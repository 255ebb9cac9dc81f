import ProvenanceCore

/// Reads a file's own `SPDX-License-Identifier:` tag, which overrides the repository's
/// license for that file.
public enum SPDXHeader {
    /// How many lines from the top are searched: tags sit in the header comment.
    public static let lineLimit = 20
    private static let tag = Array("SPDX-License-Identifier:".utf8)

    /// The expression tagged in the first `lineLimit` lines of `bytes`, if any.
    ///
    /// The expression runs to the end of its line, cut at the first character that
    /// cannot be part of an SPDX expression (so a closing `*/` or `-->` is left out).
    public static func license(in bytes: [UInt8]) -> License? {
        var lineStart = 0
        var line = 0
        while line < lineLimit && lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if let found = search(bytes[lineStart..<lineEnd]) { return found }
            lineStart = lineEnd + 1
            line += 1
        }
        return nil
    }

    private static func search(_ line: ArraySlice<UInt8>) -> License? {
        guard line.count >= tag.count else { return nil }
        var index = line.startIndex
        while index + tag.count <= line.endIndex {
            if line[index..<index + tag.count].elementsEqual(tag) {
                let rest = line[(index + tag.count)...]
                let expression = rest.drop(while: { $0 == 0x20 || $0 == 0x09 }).prefix(while: isExpressionByte)
                // Drop what is left of a comment closer (`--` of `-->`) after the expression.
                var tokens = String(decoding: expression, as: UTF8.self).split(separator: " ")
                while let last = tokens.last, !last.contains(where: { $0.isLetter || $0.isNumber || $0 == ")" }) {
                    tokens.removeLast()
                }
                let license = License(tokens.joined(separator: " "))
                return license.isKnown ? license : nil
            }
            index += 1
        }
        return nil
    }

    private static func isExpressionByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: " "), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
