/// The fields of a Python package's core metadata (`PKG-INFO`) that Provenance uses.
///
/// The format is RFC 822 headers: `Name: value`, continuation lines indented, the
/// headers ending at the first blank line (the long description follows).
public struct PythonPackageMetadata: Sendable, Equatable {
    public var name: String
    public var version: String
    /// PEP 639's `License-Expression`, an SPDX expression.
    public var licenseExpression: String?
    /// The older free-text `License` field (a short name, or a whole license text).
    public var license: String?
    /// `License-File` paths, relative to the package root.
    public var licenseFiles: [String]
    /// Trove classifiers, e.g. `License :: OSI Approved :: MIT License`.
    public var classifiers: [String]
    /// `Project-URL` entries as (label, URL).
    public var projectURLs: [(label: String, url: String)]
    public var homePage: String?

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.version == rhs.version && lhs.licenseExpression == rhs.licenseExpression
            && lhs.license == rhs.license && lhs.licenseFiles == rhs.licenseFiles && lhs.classifiers == rhs.classifiers
            && lhs.projectURLs.elementsEqual(rhs.projectURLs, by: { $0 == $1 }) && lhs.homePage == rhs.homePage
    }

    /// Parses `PKG-INFO` text; `path` only names the file in errors.
    public init(parsing text: String, path: String = "PKG-INFO") throws {
        var fields: [(key: String, value: String)] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            // Only a truly empty line ends the headers; a line of spaces continues a field
            // (blank lines inside an indented License text).
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                guard !fields.isEmpty else {
                    throw CorpusError(.badMetadata, path: path, line: offset + 1, "continuation line before any field")
                }
                fields[fields.count - 1].value += "\n" + line.trimmingSpaces
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw CorpusError(.badMetadata, path: path, line: offset + 1, "expected \"Field: value\"")
            }
            fields.append((String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...]).trimmingSpaces))
        }
        func first(_ key: String) -> String? {
            fields.first { $0.key == key }.map(\.value).flatMap { $0.isEmpty || $0 == "UNKNOWN" ? nil : $0 }
        }
        func all(_ key: String) -> [String] { fields.filter { $0.key == key }.map(\.value) }

        guard let name = first("name"), let version = first("version") else {
            throw CorpusError(.badMetadata, path: path, "Name and Version are required")
        }
        self.name = name
        self.version = version
        licenseExpression = first("license-expression")
        license = first("license")
        licenseFiles = all("license-file")
        classifiers = all("classifier")
        projectURLs = all("project-url").compactMap { entry in
            guard let comma = entry.firstIndex(of: ",") else { return nil }
            return (String(entry[..<comma]).trimmingSpaces, String(entry[entry.index(after: comma)...]).trimmingSpaces)
        }
        homePage = first("home-page")
    }

    /// The name normalized as PyPI compares names (PEP 503): lowercase, runs of `-_.` as one `-`.
    public var normalizedName: String { Self.normalize(name) }

    /// `name` as PEP 503 normalizes it.
    public static func normalize(_ name: String) -> String {
        var result = ""
        var lastWasSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { result.append("-") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        return result
    }

    /// The source repository's address: a `Project-URL` labelled like a source link,
    /// else one labelled home page, else `Home-page`.
    public var sourceURL: String? {
        // Labels compared as PEP 753 normalizes them: lowercase, without spaces, `-` and `_`.
        func normalized(_ label: String) -> String {
            label.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" && $0 != "." }
        }
        for wanted in ["source", "sourcecode", "repository", "code", "github", "homepage", "home"] {
            if let entry = projectURLs.first(where: { normalized($0.label) == wanted }) { return entry.url }
        }
        return homePage
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
