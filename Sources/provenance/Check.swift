import ArgumentParser
import Corpus
import Foundation
import Matching
import ProvenanceCore
import Reporting

extension ProvenanceCommand {
    /// `provenance check PATH...`: which spans of these files were copied from the corpus,
    /// and what the policy says about them. Exit 1 when the policy blocks something.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report code copied from the indexed corpus, with source and license; exit 1 when the policy blocks some.",
            discussion: """
                Folders are walked recursively, skipping .git and whatever .gitignore files ignore; \
                binary files and files of no known language are skipped and counted on standard error. \
                Exit status: 0 nothing blocked, 1 the policy blocked a match (after the full report), \
                2 a usage or input error.
                """)

        @OptionGroup var attribution: AttributionOptions

        @Option(help: "Output format: text, json or sarif (SARIF 2.1.0, for code scanning).")
        var format: ReportFormat = .text

        @Flag(help: "Say why each match was reported: fingerprints hit, aligned runs, similarity, license origin.")
        var explain = false

        @Option(name: .shortAndLong, help: "The language of standard input and of the files named (default: from the extension; generic for standard input).")
        var language: String?

        @Argument(help: "Files or folders to check; - reads standard input.")
        var paths: [String]

        func validate() throws {
            if let language, Language(name: language) == nil {
                throw ValidationError("unknown language '\(language)'; known: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
        }

        func run() async throws {
            var inputs = try CheckInputs(paths: paths, language: language.flatMap { Language(name: $0) })
            let policy = try attribution.loadPolicy()
            let matcher = try attribution.matcher()
            var files: [FileReport] = []
            var contents: [String: [UInt8]] = [:]
            for input in inputs.inputs {
                let bytes = try input.read()
                if SourceFileClassifier.isBinary(bytes) {
                    inputs.skipped[CorpusSkipReason.binary.rawValue, default: 0] += 1
                    continue
                }
                let file = FileReport(
                    path: input.path, report: try matcher.match(bytes, language: input.language), policy: policy, explain: explain)
                if format == .sarif && !file.matches.isEmpty { contents[input.path] = bytes }
                files.append(file)
            }
            if let summary = inputs.skippedSummary { progress(summary) }
            let report = CheckReport(files: files)
            FileHandle.standardOutput.write(try render(report, contents: contents, matcher: matcher))
            if report.verdict == .block { throw ExitCode(1) }
        }

        private func render(_ report: CheckReport, contents: [String: [UInt8]], matcher: Matcher) throws -> Data {
            switch format {
            case .text:
                return Data(try TextReport(colour: isatty(STDOUT_FILENO) != 0).render(report, index: matcher.index).utf8)
            case .json:
                return try Self.encode(report)
            case .sarif:
                return try Self.encode(SARIFReport(
                    report: report, contents: contents, currentDirectory: FileManager.default.currentDirectoryPath))
            }
        }

        /// Pretty JSON with sorted keys, so reports diff well, and a final newline.
        static func encode(_ value: some Encodable) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(value) + Data("\n".utf8)
        }
    }
}

/// The output formats of `check`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}
