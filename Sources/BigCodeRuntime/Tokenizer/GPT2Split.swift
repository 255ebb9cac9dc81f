/// GPT-2's pre-tokenization regex, written out by hand over Unicode scalars:
///
///     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///
/// At each position the alternatives are tried in that order, as a backtracking engine does;
/// `\s+(?!\S)` leaves the last space of a run for the word that follows it.
enum GPT2Split {
    /// Appends the pieces of `text[range]` to `pieces`; together they cover the range.
    static func split(_ text: [Unicode.Scalar], _ range: Range<Int>, into pieces: inout [Range<Int>]) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let length = match(text, at: index, end: end)
            pieces.append(index..<(index + length))
            index += length
        }
    }

    /// The length of the match at `index` (at least 1).
    private static func match(_ text: [Unicode.Scalar], at index: Int, end: Int) -> Int {
        let first = text[index]
        if first == "'", let length = contraction(text, at: index, end: end) { return length }
        let hasSpace = first == " " && index + 1 < end
        let start = hasSpace ? index + 1 : index
        let lead = text[start]
        let prefix = hasSpace ? 1 : 0
        if isLetter(lead) { return prefix + run(text, from: start, end: end, where: isLetter) }
        if isNumber(lead) { return prefix + run(text, from: start, end: end, where: isNumber) }
        if isOther(lead) { return prefix + run(text, from: start, end: end, where: isOther) }
        // whitespace at `index`: `\s+(?!\S)`, else `\s+`
        let spaces = run(text, from: index, end: end, where: isWhitespace)
        if index + spaces == end || spaces == 1 { return spaces }
        return spaces - 1
    }

    private static func contraction(_ text: [Unicode.Scalar], at index: Int, end: Int) -> Int? {
        guard index + 1 < end else { return nil }
        switch text[index + 1] {
        case "s", "t", "m", "d": return 2
        case "r", "v":
            return index + 2 < end && text[index + 2] == "e" ? 3 : nil
        case "l":
            return index + 2 < end && text[index + 2] == "l" ? 3 : nil
        default: return nil
        }
    }

    private static func run(_ text: [Unicode.Scalar], from start: Int, end: Int, where predicate: (Unicode.Scalar) -> Bool) -> Int {
        var index = start
        while index < end && predicate(text[index]) { index += 1 }
        return index - start
    }

    /// `\p{L}`: the letter general categories.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `\p{N}`: the number general categories.
    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// `\s`: Unicode White_Space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (scalar.value >= 9 && scalar.value <= 13) }
        return scalar.properties.isWhitespace
    }

    /// `[^\s\p{L}\p{N}]`.
    static func isOther(_ scalar: Unicode.Scalar) -> Bool {
        !isWhitespace(scalar) && !isLetter(scalar) && !isNumber(scalar)
    }
}
