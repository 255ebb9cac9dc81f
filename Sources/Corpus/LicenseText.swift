/// License text reduced to what identifies it: lowercase words, in order, with
/// punctuation, line breaks and copyright lines gone.
///
/// Reflowing a text, changing its quotes or bullets, or adding `Copyright (c) 2024 Jane`
/// lines leaves its words, and so its word bigrams, unchanged.
struct LicenseText: Sendable {
    /// The words, in order.
    let words: [String]
    /// Adjacent word pairs, the unit of similarity.
    let bigrams: Set<String>
    /// The words joined by single spaces, padded with one on each side, for phrase search.
    let joined: String

    init(_ text: String) {
        words = Self.words(text)
        var pairs = Set<String>()
        pairs.reserveCapacity(words.count)
        for index in words.indices.dropFirst() { pairs.insert(words[index - 1] + " " + words[index]) }
        bigrams = pairs
        joined = " " + words.joined(separator: " ") + " "
    }

    /// True when `phrase` (already normalized) occurs as whole words.
    func contains(phrase: String) -> Bool { joined.contains(" " + phrase + " ") }

    /// Normalized words: copyright lines dropped, then lowercase runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        where !isCopyrightLine(line) {
            var word = ""
            for scalar in line.unicodeScalars {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    word.unicodeScalars.append(scalar)
                } else if !word.isEmpty {
                    words.append(canonical(word.lowercased()))
                    word = ""
                }
            }
            if !word.isEmpty { words.append(canonical(word.lowercased())) }
        }
        return words
    }

    /// British spellings in otherwise identical texts.
    private static func canonical(_ word: String) -> String {
        switch word {
        case "licence": return "license"
        case "licences": return "licenses"
        case "licenced": return "licensed"
        default: return word
        }
    }

    /// A line naming holders and years, which every copy of a license changes:
    /// it starts with "copyright", "(c)" or "©" and carries a year or a copyright sign,
    /// or it is "All rights reserved." alone. A line of license prose that merely
    /// starts with the word "copyright" (after reflowing) has neither, and stays.
    static func isCopyrightLine(_ line: Substring) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "*" || $0 == "/" })
            .lowercased()
        if trimmed.hasPrefix("all rights reserved") && trimmed.count < 24 { return true }
        guard trimmed.hasPrefix("copyright") || trimmed.hasPrefix("(c)") || trimmed.hasPrefix("©") else { return false }
        if trimmed.contains("(c)") || trimmed.contains("©") { return true }
        return trimmed.contains(where: \.isNumber) || trimmed.contains("<year>")
    }
}
