import ArgumentParser
import CodeLexing
import Fingerprinting
import Foundation
import ProvenanceCore

extension ProvenanceCommand {
    /// `provenance bench`: throughput of the fingerprinting stages over a real corpus, on one core.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure lexing and fingerprinting throughput (MB/s on one core) over a folder of source.",
            discussion: """
                Loads every source file under the corpus folder into memory, then times three stages \
                over the whole set, single-threaded: lexing; lexing + k-gram hashing + winnowing in both \
                views; and that plus MinHash. Build with `swift build -c release` for figures worth quoting. \
                Benchmarks/fetch-corpus.sh fetches the corpus Benchmarks/README.md reports on.
                """)

        @Option(help: "The folder of source files to read (walked recursively).")
        var corpus: String

        @Option(help: "Measure each stage for at least this many seconds.")
        var seconds: Double = 3

        @OptionGroup var parameters: FingerprintOptions

        func validate() throws {
            guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        }

        func run() async throws {
            let files = try BenchCorpus(folder: corpus)
            let fingerprinter = Fingerprinter(parameters: parameters.resolved)
            print("corpus: \(files.summary)")
            print("parameters: k=\(fingerprinter.parameters.k) w=\(fingerprinter.parameters.w) permutations=\(fingerprinter.parameters.permutations)")
            let stages: [(String, (BenchCorpus.File) -> Int)] = [
                ("lex", { file in file.bytes.withUnsafeBufferPointer { file.language.lexer.tokens(in: $0).count } }),
                ("lex+winnow", { file in
                    file.bytes.withUnsafeBufferPointer { buffer in
                        let tokens = file.language.lexer.tokens(in: buffer)
                        return TokenView.allCases.reduce(0) { sum, view in
                            sum + fingerprinter.winnower.fingerprints(
                                of: fingerprinter.kgramHashes(of: tokens, in: buffer, view: view)).count
                        }
                    }
                }),
                ("lex+winnow+minhash", { file in fingerprinter.fingerprints(of: file.bytes, language: file.language).exact.count }),
            ]
            for (name, stage) in stages {
                let result = measure(files, stage)
                let megabytes = Double(files.totalBytes * result.passes) / 1_000_000
                let figures = String(
                    format: "%8.1f MB/s per core  (%d passes, %.2f s, checksum %d)",
                    megabytes / result.seconds, result.passes, result.seconds, result.checksum)
                print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + figures)
            }
        }

        private func measure(_ files: BenchCorpus, _ stage: (BenchCorpus.File) -> Int) -> (passes: Int, seconds: Double, checksum: Int) {
            let clock = ContinuousClock()
            var passes = 0
            var checksum = 0
            let start = clock.now
            var elapsed = Duration.zero
            repeat {
                for file in files.files { checksum &+= stage(file) }
                passes += 1
                elapsed = clock.now - start
            } while elapsed < .milliseconds(Int(seconds * 1000))
            let components = elapsed.components
            return (passes, Double(components.seconds) + Double(components.attoseconds) / 1e18, checksum)
        }
    }
}
