import ArgumentParser
import IndexStore
import Matching
import Reporting

/// The index, policy and match threshold that `check` and `annotate` share.
struct AttributionOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The index file (SQLite).")
    var database = "Index/default.sqlite"

    @Option(help: "A policy file (JSON: license classes, SPDX ids or repositories → allow, annotate or block); default: the built-in policy.")
    var policy: String?

    @Option(help: "Report only copies of at least this many tokens (default \(MatchOptions.default.minTokens)).")
    var minTokens: Int?

    func validate() throws {
        if let minTokens, minTokens < 1 { throw ValidationError("--min-tokens must be at least 1") }
    }

    /// The policy file's policy, or the built-in one.
    func loadPolicy() throws -> Policy {
        try policy.map { try Policy.load(path: $0) } ?? .default
    }

    /// A matcher over the index with the chosen threshold, with its lookup tables in memory
    /// when `resident`; fails with the index's own message.
    func matcher(resident: Bool = false) throws -> Matcher {
        var options = MatchOptions.default
        if let minTokens { options.minTokens = minTokens }
        return Matcher(index: try IndexReader(path: database, resident: resident), options: options)
    }
}
