/// Counts occurrences of (content, band) pairs: an open-addressing table with a
/// multiplicative hash, doubled when half full.
///
/// The shared-shape lookup counts about ten thousand seed pairs per query; through a
/// `Dictionary`, hashing each key with SipHash was most of that lookup's time. Pairs
/// come in runs of one key (a stored file's hits on one band), so a run is added at once.
struct PairCounter {
    private struct Slot {
        var content: Int64
        var band: Int
        var count: Int
    }

    private var slots = Array(repeating: Slot(content: 0, band: 0, count: 0), count: 1024)
    private var shift: UInt64 = 64 - 10
    private var occupied = 0
    /// The run being counted: added to the table when another key comes.
    private var run = Slot(content: 0, band: 0, count: 0)

    mutating func increment(content: Int64, band: Int) {
        if run.count > 0, run.content == content, run.band == band {
            run.count += 1
            return
        }
        flush()
        run = Slot(content: content, band: band, count: 1)
    }

    /// Every pair counted, with its count, in no particular order.
    mutating func forEach(_ body: (_ content: Int64, _ band: Int, _ count: Int) -> Void) {
        flush()
        for slot in slots where slot.count != 0 { body(slot.content, slot.band, slot.count) }
    }

    private mutating func flush() {
        guard run.count > 0 else { return }
        add(run)
        run.count = 0
        if occupied * 2 > slots.count { grow() }
    }

    private mutating func add(_ pair: Slot) {
        let key = UInt64(bitPattern: pair.content) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64(pair.band)) &* 0xC2B2_AE3D_27D4_EB4F
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[index].count != 0, slots[index].content != pair.content || slots[index].band != pair.band { index = (index + 1) & mask }
        if slots[index].count == 0 {
            slots[index] = pair
            occupied += 1
        } else {
            slots[index].count += pair.count
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(content: 0, band: 0, count: 0), count: old.count * 2)
        shift -= 1
        occupied = 0
        for slot in old where slot.count != 0 { add(slot) }
    }
}
