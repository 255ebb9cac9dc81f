/// Maps DEP-5 license short names (`Expat`, `BSD-3-clause`, `GPL-2+`) and their
/// expressions (`GPL-2+ or Artistic`, `MIT and BSD-3-clause`) to SPDX.
///
/// GNU names without `+` mean that version only (`GPL-2` → `GPL-2.0-only`); with `+`,
/// that version or later. A name with no SPDX counterpart becomes `LicenseRef-NAME`,
/// which policies treat as unknown: `public-domain` claims included, on purpose,
/// since such a claim is not a license a policy can check.
enum DebianLicenseNames {
    /// The SPDX expression for a DEP-5 `License:` first line.
    static func expression(for text: String) -> String? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard !tokens.isEmpty else { return nil }
        var parts: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token.lowercased() {
            case "or": parts.append("OR")
            case "and": parts.append("AND")
            case "with":
                // "with OpenSSL exception": the exception's words up to "exception".
                var words: [String] = []
                index += 1
                while index < tokens.count {
                    let word = tokens[index]
                    if word.lowercased() == "exception" { break }
                    words.append(word)
                    index += 1
                }
                parts.append("WITH")
                parts.append("LicenseRef-" + sanitize(words.joined(separator: "-")) + "-exception")
            default:
                parts.append(identifier(for: token))
            }
            index += 1
        }
        let expression = parts.joined(separator: " ")
        return SPDXExpression(parsing: expression) == nil ? nil : expression
    }

    /// The SPDX identifier for one short name.
    static func identifier(for name: String) -> String {
        var base = name
        let orLater = base.hasSuffix("+")
        if orLater { base.removeLast() }
        let key = base.lowercased()
        if let gnu = gnuTable[key] { return gnu + (orLater ? "-or-later" : "-only") }
        if let plain = table[key] { return plain + (orLater ? "+" : "") }
        return "LicenseRef-" + sanitize(name)
    }

    private static func sanitize(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
    }

    /// GNU licenses, by DEP-5 name without `+`.
    private static let gnuTable: [String: String] = [
        "gpl-1": "GPL-1.0", "gpl-2": "GPL-2.0", "gpl-3": "GPL-3.0", "gpl-2.0": "GPL-2.0", "gpl-3.0": "GPL-3.0",
        "lgpl-2": "LGPL-2.0", "lgpl-2.0": "LGPL-2.0", "lgpl-2.1": "LGPL-2.1", "lgpl-3": "LGPL-3.0", "lgpl-3.0": "LGPL-3.0",
        "agpl-3": "AGPL-3.0", "agpl-3.0": "AGPL-3.0", "gfdl-1.2": "GFDL-1.2", "gfdl-1.3": "GFDL-1.3",
    ]

    private static let table: [String: String] = [
        "expat": "MIT", "mit": "MIT", "x11": "X11", "isc": "ISC", "zlib": "Zlib", "0bsd": "0BSD",
        "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause",
        "apache-2.0": "Apache-2.0", "apache-2": "Apache-2.0", "apache-1.1": "Apache-1.1",
        "mpl-1.1": "MPL-1.1", "mpl-2.0": "MPL-2.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
        "cc0-1.0": "CC0-1.0", "cc0": "CC0-1.0", "cc-by-4.0": "CC-BY-4.0", "cc-by-sa-4.0": "CC-BY-SA-4.0",
        "bsl-1.0": "BSL-1.0", "boost-1.0": "BSL-1.0", "unlicense": "Unlicense", "wtfpl": "WTFPL",
        "psf-2": "PSF-2.0", "psf-2.0": "PSF-2.0", "python-2.0": "Python-2.0", "python": "Python-2.0",
        "artistic-2.0": "Artistic-2.0", "artistic": "Artistic-1.0", "artistic-1.0": "Artistic-1.0",
        "zpl-2.1": "ZPL-2.1", "ncsa": "NCSA", "postgresql": "PostgreSQL", "openssl": "OpenSSL",
        "upl-1.0": "UPL-1.0", "mit-0": "MIT-0",
    ]
}
