import Foundation

/// Identifies a license text (a LICENSE, COPYING or NOTICE file) as an SPDX identifier
/// by its similarity to known license texts.
///
/// Method: both texts are reduced to word bigrams (`LicenseText`); a template matches
/// when at least `threshold` of its bigrams occur in the text (coverage, so a license
/// followed by other notices still matches), and among matches the one with the
/// highest Dice coefficient wins (so BSD-3-Clause beats BSD-2-Clause, whose bigrams
/// it contains). Licenses whose full text is not at hand match by distinctive phrases
/// instead (`LicenseTemplate`). Families the bigrams hardly separate are settled by
/// the clause that separates them: AGPL's "Remote Network Interaction", BSD-3's
/// endorsement clause.
///
/// GNU licenses are reported without `-only`/`-or-later` (`GPL-3.0`): the license text
/// alone does not say which; the file notices do.
///
/// ```swift
/// let detector = LicenseDetector.standard
/// detector.identify(try String(contentsOfFile: "LICENSE"))?.identifier  // "MIT"
/// ```
public struct LicenseDetector: Sendable {
    /// A successful identification, with why it was made.
    public struct Match: Sendable, Equatable {
        /// The SPDX identifier.
        public var identifier: String
        /// Coverage of the template's bigrams, or the fraction of distinctive phrases found (0…1).
        public var score: Double
        /// How it was found: by the whole template, or by distinctive phrases.
        public var method: Method

        public enum Method: String, Sendable { case template, phrases }
    }

    private struct Candidate: Sendable {
        let template: LicenseTemplate
        let text: LicenseText?
    }

    private let candidates: [Candidate]
    /// Minimum template coverage for a match.
    public let threshold: Double
    /// Minimum fraction of distinctive phrases for a match without the full text.
    public let phraseThreshold: Double

    /// The detector over the embedded templates and, when the folder exists, the
    /// system's common license texts (Debian: `/usr/share/common-licenses`).
    public static let standard = LicenseDetector()

    /// - Parameter commonLicensesDirectory: where full texts of long licenses are read
    ///   from; `nil` uses distinctive phrases only.
    public init(
        commonLicensesDirectory: String? = "/usr/share/common-licenses", threshold: Double = 0.8,
        phraseThreshold: Double = 0.6
    ) {
        self.threshold = threshold
        self.phraseThreshold = phraseThreshold
        candidates = LicenseTemplate.all.map { template in
            if let text = template.embeddedText { return Candidate(template: template, text: LicenseText(text)) }
            guard let directory = commonLicensesDirectory, let file = template.commonLicenseFile,
                let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            else { return Candidate(template: template, text: nil) }
            return Candidate(template: template, text: LicenseText(text))
        }
    }

    /// The identifiers whose full text is available (the others match by phrases only).
    public var identifiersWithFullText: [String] {
        candidates.filter { $0.text != nil }.map(\.template.identifier)
    }

    /// The license `text` is, or `nil` when it matches none well enough.
    public func identify(_ text: String) -> Match? {
        let input = LicenseText(text)
        guard input.words.count >= 20 else { return nil }
        var best: (match: Match, dice: Double)?
        for candidate in candidates {
            guard let scored = score(candidate, input) else { continue }
            if best == nil || scored.dice > best!.dice { best = scored }
        }
        guard var match = best?.match else { return nil }
        match.identifier = refine(match.identifier, input)
        return match
    }

    private func score(_ candidate: Candidate, _ input: LicenseText) -> (match: Match, dice: Double)? {
        if let template = candidate.text, !template.bigrams.isEmpty {
            let shared = Double(template.bigrams.intersection(input.bigrams).count)
            let coverage = shared / Double(template.bigrams.count)
            guard coverage >= threshold else { return nil }
            let dice = 2 * shared / Double(template.bigrams.count + input.bigrams.count)
            return (Match(identifier: candidate.template.identifier, score: coverage, method: .template), dice)
        }
        let phrases = candidate.template.phrases
        guard !phrases.isEmpty else { return nil }
        let found = Double(phrases.filter { input.contains(phrase: $0) }.count) / Double(phrases.count)
        guard found >= phraseThreshold else { return nil }
        // Ranked below any full-template match of similar strength: phrases are weaker evidence.
        return (Match(identifier: candidate.template.identifier, score: found, method: .phrases), found * 0.5)
    }

    /// Settles the pairs whose texts share most of their words by the clause that differs.
    private func refine(_ identifier: String, _ input: LicenseText) -> String {
        switch identifier {
        case "GPL-3.0", "AGPL-3.0":
            let affero = input.contains(phrase: "remote network interaction")
                || input.contains(phrase: "gnu affero general public license version 3 19 november 2007")
            return affero ? "AGPL-3.0" : "GPL-3.0"
        case "BSD-2-Clause", "BSD-3-Clause":
            let endorsement = input.contains(phrase: "endorse or promote products derived from this software")
            return endorsement ? "BSD-3-Clause" : "BSD-2-Clause"
        default:
            return identifier
        }
    }
}
