/// Counts occurrences of (content, band) pairs: an open-addressing table with a
/// multiplicative hash, doubled when half full.
///
/// The shared-shape lookup counts about ten thousand seed pairs per query; through a
/// `Dictionary`, hashing each key with SipHash was most of that lookup's time.
struct PairCounter {
    private var contents: [Int64] = Array(repeating: 0, count: 256)
    private var bands: [Int] = Array(repeating: 0, count: 256)
    private var counts: [Int] = Array(repeating: 0, count: 256)
    private var shift: UInt64 = 64 - 8
    private var occupied = 0

    mutating func increment(content: Int64, band: Int) {
        add(content: content, band: band, count: 1)
        if occupied * 2 > counts.count { grow() }
    }

    /// Every pair counted, with its count, in no particular order.
    func forEach(_ body: (_ content: Int64, _ band: Int, _ count: Int) -> Void) {
        for slot in counts.indices where counts[slot] != 0 { body(contents[slot], bands[slot], counts[slot]) }
    }

    private mutating func add(content: Int64, band: Int, count: Int) {
        let key = UInt64(bitPattern: content) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64(band)) &* 0xC2B2_AE3D_27D4_EB4F
        let mask = counts.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while counts[slot] != 0, contents[slot] != content || bands[slot] != band { slot = (slot + 1) & mask }
        if counts[slot] == 0 {
            contents[slot] = content
            bands[slot] = band
            occupied += 1
        }
        counts[slot] += count
    }

    private mutating func grow() {
        let old = (contents, bands, counts)
        let size = counts.count * 2
        (contents, bands, counts) = (Array(repeating: 0, count: size), Array(repeating: 0, count: size), Array(repeating: 0, count: size))
        shift -= 1
        occupied = 0
        for slot in old.2.indices where old.2[slot] != 0 { add(content: old.0[slot], band: old.1[slot], count: old.2[slot]) }
    }
}
