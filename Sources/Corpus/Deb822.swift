/// Debian's control-file syntax (deb822), shared by `debian/copyright` (DEP-5), `.dsc`
/// files and apt's `.sources` lists: paragraphs separated by blank lines, `Field: value`
/// lines, continuation lines indented, `#` comment lines, and an optional PGP armor
/// around the whole (signed `.dsc` files).
struct Deb822: Sendable {
    /// One `Field: value` (continuation lines joined with `\n`, each trimmed).
    struct Field: Sendable {
        var name: String
        var value: String
        /// 1-based line of the field name.
        var line: Int
    }

    /// A paragraph: its fields in order.
    struct Paragraph: Sendable {
        var fields: [Field]
        /// 1-based line where the paragraph starts.
        var line: Int

        /// The value of `name` (compared without case), if present.
        subscript(_ name: String) -> String? {
            let lower = name.lowercased()
            return fields.first { $0.name.lowercased() == lower }?.value
        }

        /// The first line of a field's value (a DEP-5 `License:` short name, say).
        func firstLine(_ name: String) -> String? {
            self[name].map { String($0.split(separator: "\n", omittingEmptySubsequences: false)[0]).trimmingSpaces }
        }
    }

    var paragraphs: [Paragraph] = []

    /// Parses `text`; `path` only names the file in errors.
    init(parsing text: String, path: String) throws {
        var current: Paragraph?
        var insideSignature = false
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var skipArmorHeader = false
        if lines.first?.hasPrefix("-----BEGIN PGP SIGNED MESSAGE-----") == true {
            lines[0] = ""
            skipArmorHeader = true  // "Hash:" lines up to the first blank line
        }
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            if skipArmorHeader {
                if line.trimmingSpaces.isEmpty && offset > 0 { skipArmorHeader = false }
                continue
            }
            if line.hasPrefix("-----BEGIN PGP SIGNATURE-----") { insideSignature = true }
            if insideSignature { continue }
            if line.hasPrefix("#") { continue }
            if line.trimmingSpaces.isEmpty {
                if let paragraph = current { paragraphs.append(paragraph) }
                current = nil
                continue
            }
            if line.first == " " || line.first == "\t" {
                guard var paragraph = current, !paragraph.fields.isEmpty else {
                    throw CorpusError(.badMetadata, path: path, line: number, "continuation line before any field")
                }
                let content = line.trimmingSpaces
                paragraph.fields[paragraph.fields.count - 1].value += "\n" + (content == "." ? "" : content)
                current = paragraph
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw CorpusError(.badMetadata, path: path, line: number, "expected \"Field: value\"")
            }
            let field = Field(
                name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingSpaces,
                line: number)
            if current == nil { current = Paragraph(fields: [], line: number) }
            current?.fields.append(field)
        }
        if let paragraph = current { paragraphs.append(paragraph) }
    }
}
