/// Hashes every run of k consecutive token symbols (a k-gram) with XXH3.
///
/// Legend: k = tokens per k-gram. A stream of n symbols has `max(0, n - k + 1)`
/// k-grams; k-gram i covers symbols `i ..< i + k`.
public struct KGramHasher: Sendable {
    /// Tokens per k-gram.
    public let k: Int
    /// Seed of the k-gram hashes.
    public let seed: UInt64

    public init(k: Int, seed: UInt64) {
        precondition(k >= 1, "a k-gram has at least one token")
        self.k = k
        self.seed = seed
    }

    /// The hash of every k-gram of `symbols`, in order.
    public func hashes(of symbols: [UInt64]) -> [UInt64] {
        let count = symbols.count - k + 1
        guard count > 0 else { return [] }
        let width = k * MemoryLayout<UInt64>.stride
        return symbols.withUnsafeBytes { bytes in
            [UInt64](unsafeUninitializedCapacity: count) { output, initialized in
                for index in 0..<count {
                    let gram = UnsafeRawBufferPointer(rebasing: bytes[(index * 8)..<(index * 8 + width)])
                    output[index] = XXH3.hash(gram, seed: seed)
                }
                initialized = count
            }
        }
    }
}
