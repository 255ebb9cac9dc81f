import ProvenanceCore

/// A machine-readable `debian/copyright` (DEP-5): which license covers which files.
///
/// Each `Files:` stanza lists glob patterns (relative to the source root; `*` matches
/// any characters including `/`, `?` one character, `\` escapes) and a `License:`.
/// As DEP-5 says, the last stanza that matches a file wins.
public struct DebianCopyright: Sendable {
    /// One `Files:` stanza.
    public struct Stanza: Sendable {
        public var patterns: [String]
        public var license: License
        /// The license's DEP-5 short name, as written.
        public var licenseName: String
    }

    public var stanzas: [Stanza]
    /// The header's `Source:` when it names an address: where upstream lives.
    public var upstreamURL: String?
    public var upstreamName: String?

    /// Parses DEP-5 text; `nil` when it is not machine-readable (no `Format:` header),
    /// as many older packages' free-form copyright files are not.
    public init?(parsing text: String, path: String = "debian/copyright") throws {
        // Free-form copyright files are prose, not deb822: recognise DEP-5 by its first field.
        let firstLine = text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.trimmingSpaces.isEmpty }
        guard firstLine?.lowercased().hasPrefix("format:") == true else { return nil }
        let document = try Deb822(parsing: text, path: path)
        guard let header = document.paragraphs.first, header["Format"] != nil else { return nil }
        upstreamName = header.firstLine("Upstream-Name")
        upstreamURL = header["Source"].flatMap(Self.firstAddress)
        stanzas = try document.paragraphs.dropFirst().compactMap { paragraph in
            guard let files = paragraph["Files"] else { return nil }
            guard let name = paragraph.firstLine("License"), !name.isEmpty else {
                throw CorpusError(.badMetadata, path: path, line: paragraph.line, "Files stanza without a License")
            }
            let patterns = files.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
            let expression = DebianLicenseNames.expression(for: name)
            return Stanza(patterns: patterns, license: License(expression), licenseName: name)
        }
    }

    /// The license of the stanza that covers the package as a whole: the one for `*`,
    /// else the first.
    public var packageLicense: License {
        (stanzas.first { $0.patterns.contains("*") } ?? stanzas.first)?.license ?? .unknown
    }

    /// The license covering `path` (relative to the source root): the last matching stanza's.
    public func license(for path: String) -> License? {
        stanzas.last { stanza in stanza.patterns.contains { Self.glob($0, matches: path) } }?.license
    }

    private static func firstAddress(_ text: String) -> String? {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "<" || $0 == ">" })
            .first { $0.hasPrefix("https://") || $0.hasPrefix("http://") || $0.hasPrefix("git://") }
            .map(String.init)
    }

    /// DEP-5 glob matching, linear in practice: on a mismatch, retry from the last `*`.
    static func glob(_ pattern: String, matches path: String) -> Bool {
        // Pattern elements: a literal character, `?` or `*`.
        enum Element: Equatable { case literal(Character), any, star }
        var elements: [Element] = []
        var escaped = false
        for character in pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern {
            if escaped {
                elements.append(.literal(character))
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                elements.append(character == "*" ? .star : character == "?" ? .any : .literal(character))
            }
        }
        let text = Array(path)
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < text.count {
            if p < elements.count, elements[p] == .any || elements[p] == .literal(text[t]) {
                p += 1
                t += 1
            } else if p < elements.count, elements[p] == .star {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < elements.count, elements[p] == .star { p += 1 }
        return p == elements.count
    }
}
