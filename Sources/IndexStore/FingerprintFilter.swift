import CodeLexing

/// A Bloom filter of the (view, hash) pairs an index stores fingerprints for: which of a
/// query's k-gram hashes are surely absent, so they cost no B-tree probe.
///
/// A query hashes every one of its k-grams, and a novel snippet finds few of them in the
/// index (on the default index, 16 of the 385 a 50-line snippet looks up): the probes for
/// the others were most of a lookup's time. A "no" is certain; a "maybe" is probed, so
/// a false positive (about one in a few hundred) costs one probe and never a match.
///
/// Register-blocked (Putze, Sanders and Singler, "Cache-, Hash- and Space-Efficient Bloom
/// Filters"): each key sets `bitsPerKey` bits in one 64-bit word, so a test reads one word.
public struct FingerprintFilter: Sendable {
    private var words: [UInt64]
    private let mask: UInt64
    /// Bits a key sets in its word.
    static let probes = 5
    /// Filter bits per distinct key; 16 keeps false positives under 1% with one-word blocks.
    static let bitsPerKey = 16

    /// An empty filter sized for `capacity` keys.
    public init(capacity: Int) {
        var count = 1
        while count * 64 < max(capacity, 1) * Self.bitsPerKey { count *= 2 }
        words = Array(repeating: 0, count: count)
        mask = UInt64(count - 1)
    }

    /// Adds the fingerprint `hash` of `view`.
    public mutating func insert(_ hash: UInt64, view: TokenView) {
        let key = Self.key(hash, view: view)
        words[Int(truncatingIfNeeded: key >> 32 & mask)] |= Self.bits(key)
    }

    /// False when the index surely stores no fingerprint `hash` in `view`.
    public func mayContain(_ hash: UInt64, view: TokenView) -> Bool {
        let key = Self.key(hash, view: view)
        let bits = Self.bits(key)
        return words[Int(truncatingIfNeeded: key >> 32 & mask)] & bits == bits
    }

    /// The hash with its view mixed in, finalized so every bit depends on both (SplitMix64).
    private static func key(_ hash: UInt64, view: TokenView) -> UInt64 {
        var key = hash &+ UInt64(view.rawValue) &* 0x9E37_79B9_7F4A_7C15
        key = (key ^ (key >> 30)) &* 0xBF58_476D_1CE4_E5B9
        key = (key ^ (key >> 27)) &* 0x94D0_49BB_1331_11EB
        return key ^ (key >> 31)
    }

    /// The key's bits within its word: `probes` 6-bit fields of the key's low half.
    private static func bits(_ key: UInt64) -> UInt64 {
        var bits: UInt64 = 0
        for probe in 0..<probes { bits |= 1 << (key >> UInt64(6 * probe) & 63) }
        return bits
    }
}
