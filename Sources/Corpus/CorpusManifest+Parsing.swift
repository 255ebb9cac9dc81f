import ProvenanceCore

extension CorpusManifest {
    /// Splits a line into fields at spaces, keeping double-quoted runs whole; a `#`
    /// outside quotes starts a comment.
    static func fields(of line: Substring, fail: (String) -> CorpusError) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var hasField = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
                hasField = true
            } else if character == "#" {
                break
            } else if character == " " || character == "\t" || character == "\r" {
                if hasField { fields.append(current) }
                current = ""
                hasField = false
            } else {
                current.append(character)
                hasField = true
            }
        }
        if quoted { throw fail("unterminated quote") }
        if hasField { fields.append(current) }
        return fields
    }

    static func entry(_ fields: [String], line: Int, fail: (String) -> CorpusError) throws -> Entry {
        guard fields.count >= 3 else { throw fail("expected: KIND NAME VERSION license=SPDX [sha256=HEX]") }
        guard let kind = SourceKind(rawValue: fields[0]) else {
            throw fail("unknown source kind \"\(fields[0])\" (expected pypi or debian)")
        }
        let name = fields[1]
        guard isValidName(name, kind: kind) else { throw fail("\"\(name)\" is not a valid \(kind.rawValue) name") }
        let version = fields[2]
        guard !version.contains("="), !version.contains("/"), !version.isEmpty else {
            throw fail("\"\(version)\" is not a version")
        }
        var license: License?
        var sha256: String?
        var language: Language?
        for field in fields.dropFirst(3) {
            guard let equals = field.firstIndex(of: "=") else { throw fail("expected key=value, got \"\(field)\"") }
            let key = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            switch key {
            case "license":
                guard SPDXExpression(parsing: value) != nil else { throw fail("\"\(value)\" is not an SPDX expression") }
                license = License(value)
            case "sha256":
                let lower = value.lowercased()
                guard lower.count == 64, lower.allSatisfy(\.isHexDigit) else { throw fail("sha256 must be 64 hex digits") }
                sha256 = lower
            case "language":
                guard let parsed = Language(name: value) else { throw fail("unknown language \"\(value)\"") }
                language = parsed
            default:
                throw fail("unknown key \"\(key)\" (expected license, sha256 or language)")
            }
        }
        guard let license else { throw fail("missing license=SPDX (the license the package is expected to have)") }
        return Entry(kind: kind, name: name, version: version, license: license, sha256: sha256, language: language, line: line)
    }

    /// PyPI names: letters, digits, `.`, `_`, `-`; Debian source names: lowercase
    /// letters, digits, `+`, `-`, `.`, starting with a letter or digit.
    private static func isValidName(_ name: String, kind: SourceKind) -> Bool {
        guard let first = name.first, first.isLetter || first.isNumber, name.allSatisfy(\.isASCII) else { return false }
        switch kind {
        case .pypi:
            return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }
        case .debian:
            return name.count >= 2
                && name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
        }
    }
}
