import ArgumentParser
import Fingerprinting

/// Fingerprint parameters that may be overridden on the command line.
struct FingerprintOptions: ParsableArguments {
    @Option(name: .customLong("k"), help: "Tokens per k-gram (default \(FingerprintParameters.default.k)).")
    var k: Int?

    @Option(name: .customLong("w"), help: "Winnowing window in k-grams (default \(FingerprintParameters.default.w)).")
    var w: Int?

    @Option(help: "MinHash permutations (default \(FingerprintParameters.default.permutations)).")
    var permutations: Int?

    @Option(help: "Jaccard threshold the LSH bands are tuned for (default \(FingerprintParameters.default.jaccardThreshold)).")
    var jaccardThreshold: Double?

    func validate() throws {
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if let w, w < 1 { throw ValidationError("--w must be at least 1") }
        if let permutations, permutations < 1 { throw ValidationError("--permutations must be at least 1") }
        if let jaccardThreshold, !(jaccardThreshold > 0 && jaccardThreshold < 1) {
            throw ValidationError("--jaccard-threshold must lie strictly between 0 and 1")
        }
    }

    /// The default parameters with the overrides applied.
    var resolved: FingerprintParameters {
        var parameters = FingerprintParameters.default
        if let k { parameters.k = k }
        if let w { parameters.w = w }
        if let permutations { parameters.permutations = permutations }
        if let jaccardThreshold { parameters.jaccardThreshold = jaccardThreshold }
        return parameters
    }
}
