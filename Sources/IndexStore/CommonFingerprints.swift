/// One view's common fingerprints with the number of contents each is in, in memory.
///
/// Every query asks about each of its k-grams and most are not common: a bitmap of hash
/// prefixes, about 16 bits per common fingerprint, turns nearly all of them away before
/// the dictionary is asked (hashes are uniform, so their top bits spread evenly).
struct CommonFingerprints: Sendable {
    private var counts: [UInt64: Int] = [:]
    private var bitmap: [UInt64]
    private let shift: UInt64

    init(_ rows: [(hash: UInt64, contents: Int)]) {
        let bits = min(26, max(12, Int.bitWidth - (max(rows.count, 1) * 16 - 1).leadingZeroBitCount))
        shift = UInt64(64 - bits)
        bitmap = Array(repeating: 0, count: (1 << bits) / 64)
        counts.reserveCapacity(rows.count)
        for (hash, contents) in rows {
            counts[hash] = contents
            let bit = Int(hash >> shift)
            bitmap[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// The number of contents `hash` is in, if it is common.
    func contents(of hash: UInt64) -> Int? {
        let bit = Int(hash >> shift)
        guard bitmap[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        return counts[hash]
    }
}
