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

    /// The hash of every k-gram of `symbols` in which each name also says how far back
    /// in its k-gram the same name last occurred (0 when it did not): Baker's
    /// parameterized strings, cut to k-grams.
    ///
    /// Positions whose symbol is `nameSymbol` are names, told apart by `names` (their
    /// text hashes). Consistently renaming names keeps every hash, while k-grams with one
    /// class symbol for every name but other patterns of repeats hash apart:
    /// `a = b + a` and `a = b + c` share a normalized shape, not a parameterized one.
    public func hashes(of symbols: [UInt64], names: [UInt64], nameSymbol: UInt64) -> [UInt64] {
        precondition(names.count == symbols.count, "one name per symbol")
        let count = symbols.count - k + 1
        guard count > 0 else { return [] }
        // The previous position of the same name, or -1.
        var previous = [Int](repeating: -1, count: symbols.count)
        var last: [UInt64: Int] = [:]
        for position in symbols.indices where symbols[position] == nameSymbol {
            previous[position] = last.updateValue(position, forKey: names[position]) ?? -1
        }
        var gram = [UInt64](repeating: 0, count: k)
        return [UInt64](unsafeUninitializedCapacity: count) { output, initialized in
            gram.withUnsafeMutableBufferPointer { gram in
                for start in 0..<count {
                    for offset in 0..<k {
                        let position = start + offset
                        let back = previous[position] >= start ? position - previous[position] : 0
                        gram[offset] = symbols[position] &+ UInt64(back) &* 0x9E37_79B9_7F4A_7C15
                    }
                    output[start] = XXH3.hash(UnsafeRawBufferPointer(gram), seed: seed)
                }
            }
            initialized = count
        }
    }
}
