import ProvenanceCore

/// Writes attribution into a file: a comment above each copied span, or SPDX snippet tags
/// around it, in the file's own line-comment syntax; every other byte stays as it was.
///
/// Comment lines take the span's first line's indentation and the file's line endings
/// (CRLF stays CRLF; a file without a final newline keeps none). A span whose first line
/// already has a provenance annotation right above it (a comment holding `provenance:`
/// or `SPDX-SnippetBegin`) is left alone, so annotating twice equals annotating once:
/// annotations are comments, invisible to the lexers, so a second run finds the same
/// spans, each right below its annotation. SPDX copyright text is not written: the index
/// does not record copyright notices.
///
/// ```swift
/// let annotator = Annotator(style: .comment, syntax: Language.python.commentSyntax)
/// let result = annotator.annotate(bytes, matches: fileReport.matches)
/// // # provenance: exact copy of acme/tools tools/core.py lines 12-30, license MIT, https://…
/// ```
public struct Annotator: Sendable {
    /// How attribution is written.
    public enum Style: String, Sendable, CaseIterable {
        /// One `provenance:` comment line above the span.
        case comment
        /// `SPDX-SnippetBegin`, `SPDX-License-Identifier` and a `provenance:` line above, `SPDX-SnippetEnd` below.
        case spdx
    }

    /// The annotated bytes and what was done.
    public struct Result: Sendable, Equatable {
        public var bytes: [UInt8]
        /// Spans annotated now.
        public var annotated: Int
        /// Spans that already had an annotation.
        public var alreadyAnnotated: Int
    }

    /// Marks a comment line as a provenance annotation.
    public static let marker = "provenance:"
    static let snippetBegin = "SPDX-SnippetBegin"
    static let snippetEnd = "SPDX-SnippetEnd"

    public var style: Style
    public var syntax: CommentSyntax

    public init(style: Style, syntax: CommentSyntax) {
        self.style = style
        self.syntax = syntax
    }

    /// Annotates the spans of `matches` (their `query` lines refer to `bytes`); spans
    /// outside the file are ignored.
    public func annotate(_ bytes: [UInt8], matches: [FileReport.Match]) -> Result {
        let lines = SourceLines(bytes)
        var insertions: [Insertion] = []
        var annotated = 0, alreadyAnnotated = 0
        for match in matches {
            let first = match.query.startLine, last = match.query.endLine
            guard first >= 1, first <= last, last <= lines.count else { continue }
            if hasAnnotation(above: first, in: lines) {
                alreadyAnnotated += 1
                continue
            }
            annotated += 1
            let indent = Array(lines.indentation(of: first))
            let ownTerminator = lines.terminator(of: first)
            let newline = ownTerminator.isEmpty ? lines.preferredTerminator : Array(ownTerminator)
            let header = headerLines(for: match).flatMap { indent + commentLine($0) + newline }
            insertions.append(Insertion(offset: lines.start(of: first), rank: (1, -last), bytes: header))
            guard style == .spdx else { continue }
            let end = indent + commentLine(Self.snippetEnd)
            let endTerminator = Array(lines.terminator(of: last))
            insertions.append(endTerminator.isEmpty
                ? Insertion(offset: bytes.count, rank: (0, -first), bytes: newline + end)
                : Insertion(offset: lines.end(of: last), rank: (0, -first), bytes: end + endTerminator))
        }
        return Result(bytes: apply(insertions, to: bytes), annotated: annotated, alreadyAnnotated: alreadyAnnotated)
    }

    // MARK: - Text

    /// The comment texts above a span, without the comment introducer.
    func headerLines(for match: FileReport.Match) -> [String] {
        let source = match.source
        var attribution = "\(Self.marker) \(match.kind.rawValue) copy of \(source.repo) \(source.path)"
        attribution += " lines \(source.startLine)-\(source.endLine), license \(source.license)"
        if let link = source.link { attribution += ", \(link)" }
        switch style {
        case .comment:
            return [attribution]
        case .spdx:
            let expression = source.license == License.unknown.description ? "NOASSERTION" : source.license
            return [Self.snippetBegin, "SPDX-License-Identifier: \(expression)", attribution]
        }
    }

    /// One comment line's bytes: the introducer, a space, the text with anything that would end the line replaced.
    private func commentLine(_ text: String) -> [UInt8] {
        let safe = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? "?" : scalar
        }))
        return Array("\(syntax.line) \(safe)".utf8)
    }

    // MARK: - Existing annotations

    /// Whether the comment lines right above `line` hold a provenance annotation.
    private func hasAnnotation(above line: Int, in lines: SourceLines) -> Bool {
        let introducers = [syntax.line] + (syntax.alsoLine.map { [$0] } ?? [])
        var current = line - 1
        while current >= 1 {
            let text = String(decoding: lines.text(of: current).drop { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self)
            guard introducers.contains(where: { text.hasPrefix($0) }) else { return false }
            if text.contains(Self.marker) || text.contains(Self.snippetBegin) { return true }
            current -= 1
        }
        return false
    }

    // MARK: - Insertion

    /// Bytes to insert before `offset`; at one offset, lower `rank` goes first: snippet ends
    /// (innermost first) before beginnings (outermost first).
    private struct Insertion {
        var offset: Int
        var rank: (Int, Int)
        var bytes: [UInt8]
    }

    private func apply(_ insertions: [Insertion], to bytes: [UInt8]) -> [UInt8] {
        let ordered = insertions.enumerated().sorted { a, b in
            (a.element.offset, a.element.rank.0, a.element.rank.1, a.offset)
                < (b.element.offset, b.element.rank.0, b.element.rank.1, b.offset)
        }.map(\.element)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + ordered.reduce(0) { $0 + $1.bytes.count })
        var copied = 0
        for insertion in ordered {
            output += bytes[copied..<insertion.offset]
            output += insertion.bytes
            copied = insertion.offset
        }
        output += bytes[copied...]
        return output
    }
}
