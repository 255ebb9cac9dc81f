import Foundation

/// Picks the next token from logits: argmax, or a seeded draw after temperature, top-k and top-p.
public struct TokenSampler: Sendable {
    private let options: GenerationOptions
    /// Tokens at or past this id are never sampled (vocabulary padding rows no text maps to).
    private let sampledTokenLimit: Int
    private var random: SplitMix64

    /// A sampler for `options`; `sampledTokenLimit` caps the ids a non-greedy draw may return.
    public init(options: GenerationOptions, sampledTokenLimit: Int = .max) {
        self.options = options
        self.sampledTokenLimit = sampledTokenLimit
        random = SplitMix64(seed: options.seed)
    }

    /// The next token. Greedy decoding takes the argmax over all logits, as transformers does.
    public mutating func next(_ logits: [Float]) -> Int {
        precondition(!logits.isEmpty, "TokenSampler: no logits")
        if options.isGreedy { return Self.argmax(logits) }
        let limit = min(logits.count, sampledTokenLimit)
        var candidates = (0..<limit).map { (id: $0, logit: logits[$0] / options.temperature) }
        candidates.sort { $0.logit > $1.logit || ($0.logit == $1.logit && $0.id < $1.id) }
        if options.topK > 0 && options.topK < candidates.count { candidates.removeLast(candidates.count - options.topK) }
        let maximum = candidates[0].logit
        var probabilities = candidates.map { expf($0.logit - maximum) }
        var total = probabilities.reduce(0, +)
        if options.topP < 1 {
            var cumulative: Float = 0
            var keep = 0
            while keep < probabilities.count {
                cumulative += probabilities[keep] / total
                keep += 1
                if cumulative >= options.topP { break }
            }
            probabilities.removeLast(probabilities.count - keep)
            total = probabilities.reduce(0, +)
        }
        var threshold = random.nextUnitFloat() * total
        for (index, probability) in probabilities.enumerated() {
            threshold -= probability
            if threshold < 0 { return candidates[index].id }
        }
        return candidates[probabilities.count - 1].id
    }

    /// The index of the largest logit (the first on ties).
    public static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }

    /// SplitMix64: small, fast, and the same sequence on every platform for a seed.
    struct SplitMix64: Sendable {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform in [0, 1), 24 bits of precision.
        mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
    }
}
