import ArgumentParser
import CodeLexing
import Corpus
import Foundation
import Matching
import ProvenanceCore
import Reporting

extension ProvenanceCommand {
    /// `provenance annotate FILE`: the file with attribution written above each copied span.
    struct Annotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write attribution comments (or SPDX snippet tags) above the copied spans of a file.",
            discussion: """
                Spans the policy allows are left alone. Annotating an annotated file changes nothing. \
                Without --in-place the annotated file goes to standard output. Exit status: 0, or 1 when \
                the policy blocks a span (the file is still annotated), 2 on a usage or input error.
                """)

        @OptionGroup var attribution: AttributionOptions

        @Option(help: "comment (one provenance: line per span) or spdx (SPDX-SnippetBegin/End tags around it).")
        var style: Annotator.Style = .comment

        @Flag(help: "Replace the file (atomically, keeping its permissions) instead of printing it.")
        var inPlace = false

        @OptionGroup var source: SourceFileOptions

        func validate() throws {
            if inPlace && source.file == "-" { throw ValidationError("--in-place needs a file, not standard input") }
        }

        func run() async throws {
            let bytes = try source.readBytes()
            let language = source.resolvedLanguage
            guard language != .other else {
                throw CommandFailure("cannot tell the comment syntax of \(source.file) from its extension; give --language")
            }
            guard !SourceFileClassifier.isBinary(bytes) else { throw CommandFailure("\(source.file) looks binary; nothing to annotate") }
            let policy = try attribution.loadPolicy()
            let report = try attribution.matcher().match(bytes, language: language)
            let file = FileReport(path: source.file, report: report, policy: policy, explain: false)
            let result = Annotator(style: style, syntax: language.commentSyntax)
                .annotate(bytes, matches: file.matches.filter { $0.action != .allow })
            guard Self.sameTokens(bytes, result.bytes, language: language) else {
                throw CommandFailure("annotating \(source.file) would change its code (a span starts inside a multi-line token); nothing written")
            }
            if inPlace {
                if result.bytes != bytes { try AtomicFile.replace(source.file, with: result.bytes) }
            } else {
                FileHandle.standardOutput.write(Data(result.bytes))
            }
            progress("\(source.file): annotated \(result.annotated) span(s), \(result.alreadyAnnotated) already annotated")
            if file.verdict == .block {
                progress("\(source.file): the policy blocks \(file.matches.filter { $0.action == .block }.count) span(s)")
                throw ExitCode(1)
            }
        }

        /// Whether two texts lex to the same tokens: annotations must only add comments.
        static func sameTokens(_ a: [UInt8], _ b: [UInt8], language: Language) -> Bool {
            let lexer = language.lexer
            let left = a.withUnsafeBufferPointer { lexer.tokens(in: $0) }
            let right = b.withUnsafeBufferPointer { lexer.tokens(in: $0) }
            return left.count == right.count && zip(left, right).allSatisfy { x, y in
                x.kind == y.kind && a[x.start..<x.end] == b[y.start..<y.end]
            }
        }
    }
}

extension Annotator.Style: ExpressibleByArgument {}
