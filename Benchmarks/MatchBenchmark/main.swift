import Foundation
import IndexStore
import Matching
import ProvenanceCore

// Matching CPU time a query, on one thread, over the server benchmark's request bodies:
// the figure that `Benchmarks/server/run.sh` turns into requests a second, without the
// HTTP side and without the scheduling noise of a loaded machine. Run from a release build:
//
//   swift build -c release --product match-bench
//   .build/release/match-bench Index/default.sqlite .build/server-bench/bodies.jsonl [--passes 15] [--per-query]
//
// Each pass matches every body once; a query's figure is its least CPU time over the
// passes (what it costs when nothing interferes), and a pass's figure the mean over the
// bodies. Prints the mean of the per-query least times, the median pass, and, with
// --per-query, each body's least time in milliseconds.

struct Body {
    let code: [UInt8]
    let language: Language
}

func readBodies(_ path: String) throws -> [Body] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw BenchFailure("cannot read \(path)")
    }
    return try data.split(separator: UInt8(ascii: "\n")).enumerated().map { number, line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let code = object["code"] as? String
        else { throw BenchFailure("\(path):\(number + 1): not an object with a \"code\" string") }
        let language = (object["language"] as? String).flatMap { Language(name: $0) }
            ?? (object["filename"] as? String).map { Language(path: $0) } ?? .other
        return Body(code: Array(code.utf8), language: language)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// CPU time this thread has used, in milliseconds.
func threadMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
}

func run() throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var passes = 15, perQuery = false
    if let flag = arguments.firstIndex(of: "--per-query") {
        perQuery = true
        arguments.remove(at: flag)
    }
    if let flag = arguments.firstIndex(of: "--passes") {
        guard flag + 1 < arguments.count, let value = Int(arguments[flag + 1]), value > 0 else {
            throw BenchFailure("--passes needs a positive number")
        }
        passes = value
        arguments.removeSubrange(flag...(flag + 1))
    }
    guard arguments.count == 2 else {
        throw BenchFailure("usage: match-bench INDEX BODIES.jsonl [--passes N] [--per-query]")
    }
    let bodies = try readBodies(arguments[1])
    guard !bodies.isEmpty else { throw BenchFailure("\(arguments[1]) holds no bodies") }
    let matcher = Matcher(index: try IndexReader(path: arguments[0], resident: true))
    var least = Array(repeating: Double.infinity, count: bodies.count)
    var passMeans: [Double] = []
    var matches = 0
    for pass in 0...passes {  // pass 0 warms the caches and is not counted
        var total = 0.0
        for (number, body) in bodies.enumerated() {
            let start = threadMilliseconds()
            let report = try matcher.match(body.code, language: body.language)
            let spent = threadMilliseconds() - start
            if pass == 0 { matches += report.matches.count; continue }
            least[number] = min(least[number], spent)
            total += spent
        }
        if pass > 0 { passMeans.append(total / Double(bodies.count)) }
    }
    passMeans.sort()
    let sortedLeast = least.sorted()
    print(String(
        format: "%d queries, %d matches, %d passes: least CPU a query mean %.3f ms (p50 %.3f, p90 %.3f, max %.3f); median pass mean %.3f ms",
        bodies.count, matches, passes, least.reduce(0, +) / Double(least.count), sortedLeast[least.count / 2],
        sortedLeast[least.count * 9 / 10], sortedLeast.last!, passMeans[passMeans.count / 2]))
    if perQuery {
        for (number, time) in least.enumerated() { print(String(format: "%d %.3f", number, time)) }
    }
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("match-bench: \(error)\n".utf8))
    exit(2)
}
