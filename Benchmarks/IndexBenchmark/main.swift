import Foundation
import IndexStore

// Index storage benchmarks, run on demand from a release build (Benchmarks/README.md):
//   swift build -c release --product index-bench
//   .build/release/index-bench export --db INDEX --out CORPUS.jsonl
//       writes every file of an index as a Stack-format row: a corpus to build again
//   .build/release/index-bench load --input CORPUS.jsonl [--input ...] [--rounds 2] [--loading staged|direct]
//       builds the corpus with staged fingerprints (what `index build` does) and with
//       inserts straight into the clustered table (or only one of them), alternating,
//       and prints wall times
//   .build/release/index-bench compression --db INDEX [--levels 1,3,9,19] [--sample 2000]
//       contents table size and per-file read + decompression time, raw against zstd

let arguments = Array(CommandLine.arguments.dropFirst())

/// The values of every `--name VALUE` pair in the arguments.
func values(_ name: String) -> [String] {
    zip(arguments, arguments.dropFirst()).filter { $0.0 == "--\(name)" }.map(\.1)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func peakMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM") })
    else { return "unknown" }
    return line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
}

func usage() -> Never {
    print("""
        usage: index-bench export --db INDEX --out CORPUS.jsonl
               index-bench load --input CORPUS.jsonl [--input ...] [--rounds N] [--loading staged|direct]
               index-bench compression --db INDEX [--levels 1,3,9,19] [--sample N]
        """)
    exit(2)
}

do {
    switch arguments.first {
    case "export":
        guard let database = values("db").first, let output = values("out").first else { usage() }
        try CorpusExport(database: database, output: output).run()
    case "load":
        let inputs = values("input")
        guard !inputs.isEmpty else { usage() }
        let loadings: [IndexWriter.FingerprintLoading] = switch values("loading").first {
        case "staged": [.staged]
        case "direct": [.direct]
        case nil: [.staged, .direct]
        default: usage()
        }
        try LoadBenchmark(inputs: inputs, rounds: values("rounds").first.flatMap(Int.init) ?? 2, loadings: loadings).run()
    case "compression":
        guard let database = values("db").first else { usage() }
        let levels = (values("levels").first ?? "1,3,9,19").split(separator: ",").compactMap { Int32($0) }
        try CompressionBenchmark(database: database, levels: levels, sample: values("sample").first.flatMap(Int.init) ?? 2000).run()
    default:
        usage()
    }
} catch {
    FileHandle.standardError.write(Data("index-bench: \(error)\n".utf8))
    exit(2)
}
