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

        @Flag(help: """
            Read the index's lookup tables and token digests into memory first, as `serve` does \
            (about 2 s and 150 MB for the default index): worth it from about a thousand files.
            """)
        var resident = false

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
            let matcher = try attribution.matcher(resident: resident)
            var files: [FileReport] = []
            var contents: [String: [UInt8]] = [:]
            let checked = try await Self.check(
                inputs.inputs, matcher: matcher, policy: policy, explain: explain, keepingMatchedBytes: format == .sarif)
            for result in checked {
                guard let (file, bytes) = result else {
                    inputs.skipped[CorpusSkipReason.binary.rawValue, default: 0] += 1
                    continue
                }
                if let bytes { contents[file.path] = bytes }
                files.append(file)
            }
            if let summary = inputs.skippedSummary { progress(summary) }
            let report = CheckReport(files: files)
            FileHandle.standardOutput.write(try render(report, contents: contents, matcher: matcher))
            if report.verdict == .block { throw ExitCode(1) }
        }

        /// Each input's report (nil for a binary file), in input order, with its bytes when
        /// `keepingMatchedBytes` and it has matches (SARIF quotes them); files are read and
        /// matched a few at a time, one per core.
        static func check(
            _ inputs: [CheckInputs.Input], matcher: Matcher, policy: Policy, explain: Bool, keepingMatchedBytes: Bool
        ) async throws -> [(FileReport, [UInt8]?)?] {
            var results = [(FileReport, [UInt8]?)?](repeating: nil, count: inputs.count)
            try await withThrowingTaskGroup(of: (Int, (FileReport, [UInt8]?)?).self) { group in
                var next = 0
                func start() {
                    let (index, input) = (next, inputs[next])
                    next += 1
                    group.addTask {
                        let bytes = try input.read()
                        guard !SourceFileClassifier.isBinary(bytes) else { return (index, nil) }
                        let report = try matcher.match(bytes, language: input.language)
                        let file = FileReport(path: input.path, report: report, policy: policy, explain: explain)
                        return (index, (file, keepingMatchedBytes && !file.matches.isEmpty ? bytes : nil))
                    }
                }
                while next < min(inputs.count, ProcessInfo.processInfo.activeProcessorCount) { start() }
                while let (index, result) = try await group.next() {
                    results[index] = result
                    if next < inputs.count { start() }
                }
            }
            return results
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
