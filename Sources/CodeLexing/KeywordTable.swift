/// A language's keywords, looked up by byte range without building a `String`.
///
/// Keywords are at most 16 bytes, so each is packed into two `UInt64`s and kept
/// in a small open-addressing hash table; a lookup packs the identifier's bytes
/// the same way, and identifiers longer than 16 bytes are rejected at once.
struct KeywordTable: Sendable {
    private static let slotBits = 8
    private static let slotCount = 1 << slotBits

    private var low = [UInt64](repeating: 0, count: slotCount)
    private var high = [UInt64](repeating: 0, count: slotCount)
    /// 0 marks an empty slot.
    private var lengths = [Int](repeating: 0, count: slotCount)
    /// The index in the list the table was built from.
    private var indices = [Int](repeating: 0, count: slotCount)

    /// A table of `keywords` (ASCII, 1 to 16 bytes, fewer than 128 of them).
    init(_ keywords: [String]) {
        precondition(keywords.count < Self.slotCount / 2, "keep the table at most half full")
        for (index, keyword) in keywords.enumerated() {
            let bytes = Array(keyword.utf8)
            precondition((1...16).contains(bytes.count), "keywords are 1 to 16 bytes")
            let key = bytes.withUnsafeBufferPointer { Key($0, from: 0, to: $0.count) }
            var slot = key.slot(length: bytes.count)
            while lengths[slot] != 0 {
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            low[slot] = key.low
            high[slot] = key.high
            lengths[slot] = bytes.count
            indices[slot] = index
        }
    }

    /// The index of the keyword spelled by `bytes[start..<end]` in the list the
    /// table was built from, or `nil` when it is not a keyword.
    @inline(__always)
    func index(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let length = end - start
        guard length <= 16 else { return nil }
        let key = Key(bytes, from: start, to: end)
        var slot = key.slot(length: length)
        while lengths[slot] != 0 {
            if lengths[slot] == length, low[slot] == key.low, high[slot] == key.high {
                return indices[slot]
            }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return nil
    }

    /// Up to 16 bytes packed little-endian into two words.
    private struct Key {
        var low: UInt64 = 0
        var high: UInt64 = 0

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
            var index = start
            while index < end {
                let shift = UInt64(8 * ((index - start) & 7))
                if index - start < 8 {
                    low |= UInt64(bytes[index]) << shift
                } else {
                    high |= UInt64(bytes[index]) << shift
                }
                index += 1
            }
        }

        /// Fibonacci hashing: multiply by 2^64 / φ and keep the top bits.
        @inline(__always)
        func slot(length: Int) -> Int {
            let mixed = (low ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> UInt64(64 - KeywordTable.slotBits))
        }
    }
}
