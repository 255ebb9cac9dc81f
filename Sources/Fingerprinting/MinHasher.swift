/// MinHash signatures over normalized token shingles, computed with SuperMinHash
/// (Ertl 2017), for near-duplicate search as BigCode did over The Stack.
///
/// Legend: m = `permutations`, the signature length; n = distinct shingles.
///
/// SuperMinHash draws the m permutation values of each shingle *without
/// replacement* (a lazily shuffled Fisher–Yates sequence seeded by the shingle),
/// so the estimate `equal positions / m` is unbiased like classic MinHash's, with a
/// variance never larger — markedly smaller when n is within a few times m, which
/// is the size of most source files — and it runs in O(n + m log² m) instead of
/// O(n · m). The signature stays LSH-compatible: position i of two signatures is
/// equal with probability J.
public struct MinHasher: Sendable {
    /// Signature length, m.
    public let permutations: Int
    /// Tokens per shingle.
    public let shingleLength: Int
    private let seed: UInt64
    private let shingleHasher: KGramHasher

    public init(permutations: Int, shingleLength: Int, seed: UInt64) {
        precondition(permutations >= 1 && permutations < 1 << 24, "between 1 and 2^24 permutations")
        self.permutations = permutations
        self.shingleLength = shingleLength
        self.seed = seed
        shingleHasher = KGramHasher(k: shingleLength, seed: seed ^ 0x5348_494E_474C_4553)
    }

    /// The distinct shingle hashes of a normalized symbol stream.
    ///
    /// A stream shorter than one shingle is a single shingle of all its symbols.
    public func shingles(of normalizedSymbols: [UInt64]) -> Set<UInt64> {
        let hasher = normalizedSymbols.count >= shingleLength
            ? shingleHasher : KGramHasher(k: max(1, normalizedSymbols.count), seed: shingleHasher.seed)
        return Set(hasher.hashes(of: normalizedSymbols))
    }

    /// The signature of a set of shingle hashes.
    public func signature<Shingles: Sequence<UInt64>>(of shingles: Shingles) -> MinHashSignature {
        let m = permutations
        // values[i] = (j << 32) | r: the permutation value j + r/2^32 of register i.
        var values = [UInt64](repeating: .max, count: m)
        // The shuffle of the current shingle: slot i holds (stamp << 32) | order[i], where the
        // stamp is which shingle (1, 2, …) last set it; a slot another one set reads as i.
        var slots = [UInt64](repeating: 0, count: m)
        var histogram = [Int32](repeating: 0, count: m)  // registers whose value's integer part is j
        histogram[m - 1] = Int32(m)
        var highest = m - 1
        var current: UInt64 = 0
        // Unchecked buffers: this loop is most of MinHash's time, and every index is below m.
        values.withUnsafeMutableBufferPointer { values in
            slots.withUnsafeMutableBufferPointer { slots in
                histogram.withUnsafeMutableBufferPointer { histogram in
                    for shingle in shingles {
                        current += 1
                        let stamp = current << 32
                        var random = SplitMix64(state: shingle ^ seed)
                        var j = 0
                        while j <= highest {
                            let draw = random.next()
                            let fraction = draw & 0xFFFF_FFFF
                            let k = j + Int(((draw >> 32) &* UInt64(m - j)) >> 32)
                            let atJ = slots[j], atK = slots[k]
                            let orderJ = atJ & ~0xFFFF_FFFF == stamp ? atJ & 0xFFFF_FFFF : UInt64(j)
                            let register = Int(atK & ~0xFFFF_FFFF == stamp ? atK & 0xFFFF_FFFF : UInt64(k))
                            slots[k] = stamp | orderJ
                            slots[j] = stamp | UInt64(register)
                            let candidate = UInt64(j) << 32 | fraction
                            if candidate < values[register] {
                                let previous = min(Int(values[register] >> 32), m - 1)
                                values[register] = candidate
                                if j < previous {
                                    histogram[previous] -= 1
                                    histogram[j] += 1
                                    while histogram[highest] == 0 { highest -= 1 }
                                }
                            }
                            j += 1
                        }
                    }
                }
            }
        }
        return MinHashSignature(values: current == 0 ? [] : values.map { UInt32(truncatingIfNeeded: $0 ^ ($0 >> 29)) })
    }

    /// The signature of a normalized symbol stream's shingles.
    public func signature(ofNormalizedSymbols symbols: [UInt64]) -> MinHashSignature {
        signature(of: shingles(of: symbols))
    }
}

/// SplitMix64: a fixed, portable stream of random values for one seed.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
