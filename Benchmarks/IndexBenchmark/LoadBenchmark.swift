import Corpus
import Fingerprinting
import Foundation
import IndexStore
import Indexing

/// Builds the same corpus with fingerprints staged (an unindexed table, moved into the
/// clustered one in key order by `finish()`: what `index build` does) and with each
/// fingerprint inserted straight into the clustered `fingerprints` table, alternating
/// which goes first, and prints the wall time of each and of its `finish()`.
struct LoadBenchmark {
    let inputs: [String]
    let rounds: Int
    /// Which loadings to build: both by default.
    let loadings: [IndexWriter.FingerprintLoading]

    struct Result {
        var load: Double
        var finish: Double
        var files: Int
        var fingerprints: Int
        var fileBytes: Int
    }

    func run() throws {
        print("corpus: \(inputs.joined(separator: ", ")); \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var results: [String: [Result]] = [:]
        for round in 1...max(rounds, 1) {
            for loading in round % 2 == 1 ? loadings : loadings.reversed() {
                let result = try build(loading)
                let name = "\(loading)"
                results[name, default: []].append(result)
                print(String(
                    format: "round %d %@: %.1f s (load %.1f s, finish %.1f s); %d files, %d fingerprints, file %.1f MB",
                    round, name.padding(toLength: 6, withPad: " ", startingAt: 0), result.load + result.finish,
                    result.load, result.finish, result.files, result.fingerprints, Double(result.fileBytes) / 1e6))
            }
        }
        let fingerprints = Set(results.values.flatMap { $0.map(\.fingerprints) })
        print(fingerprints.count == 1 ? "both loadings stored the same fingerprints" : "MISMATCH: \(fingerprints.sorted())")
        print("peak memory: \(peakMemory())")
    }

    private func build(_ loading: IndexWriter.FingerprintLoading) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.sqlite").path
        let clock = ContinuousClock()
        let writer = try IndexWriter.build(at: path, parameters: .default, commonCap: 25, loading: loading)
        let everything = LicenseFilter(rule: .any, includeUnknown: true)
        let builder = IndexBuilder(writer: writer, options: IndexBuildOptions(licenses: everything, skipBad: true))
        let load = try clock.measure {
            for input in inputs { _ = try builder.load(.stackJSONL(path: input)) }
        }
        let finish = try clock.measure { try writer.finish() }
        let stats = try IndexReader(path: path).statistics(top: 0)
        return Result(
            load: seconds(load), finish: seconds(finish), files: stats.files, fingerprints: stats.fingerprints,
            fileBytes: stats.fileBytes)
    }
}
