/// A read-only multimap from 64-bit keys to (content, position) rows, in memory: the shape
/// of the index's lookup tables (fingerprints, LSH buckets, name postings) that a server
/// keeps resident (`ResidentTables`).
///
/// Rows are sorted by key in the index's order (the key as a signed integer, then the
/// order they were added in), under a directory of key prefixes with about one row a
/// slot, so a lookup reads one slot and a cache line or two of rows.
struct PostingTable: Sendable {
    /// The keys with their sign bit flipped: unsigned order is SQLite's signed order.
    private(set) var keys: [UInt64] = []
    private(set) var contents: [UInt32] = []
    /// Empty when the table has no positions.
    private(set) var positions: [Int32] = []
    /// `directory[d]` is the first row whose key's top `bits` bits are at least `d`.
    private var directory: [UInt32] = [0, 0]
    private var bits = 1

    init(reservingCapacity capacity: Int = 0, positions hasPositions: Bool = false) {
        keys.reserveCapacity(capacity)
        contents.reserveCapacity(capacity)
        if hasPositions { positions.reserveCapacity(capacity) }
    }

    mutating func append(_ key: Int64, content: UInt32, position: Int32? = nil) {
        keys.append(Self.ordered(key))
        contents.append(content)
        if let position { positions.append(position) }
    }

    private static func ordered(_ key: Int64) -> UInt64 { UInt64(bitPattern: key) ^ (1 << 63) }

    /// Sorts the rows by key (stably: rows of one key keep the order they were added in)
    /// unless they came sorted, and indexes them by their keys' top bits.
    mutating func finish() {
        precondition(positions.isEmpty || positions.count == keys.count, "a position for every row or none")
        if zip(keys, keys.dropFirst()).contains(where: { $0 > $1 }) {
            let order = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
            keys = order.map { keys[$0] }
            contents = order.map { contents[$0] }
            if !positions.isEmpty { positions = order.map { positions[$0] } }
        }
        bits = max(1, min(24, Int.bitWidth - (max(keys.count, 1) - 1).leadingZeroBitCount))
        directory = [UInt32](repeating: 0, count: (1 << bits) + 1)
        var row = 0
        for slot in 0...(1 << bits) {
            while row < keys.count, Int(keys[row] >> (64 - bits)) < slot { row += 1 }
            directory[slot] = UInt32(row)
        }
    }

    /// The rows of `key` (given as the index stores it, or its bit pattern).
    func rows(of key: UInt64) -> Range<Int> {
        let key = Self.ordered(Int64(bitPattern: key)), slot = Int(key >> (64 - bits))
        let start = Int(directory[slot]), end = Int(directory[slot + 1])
        // A slot holds a row or two, or the thousands of rows of a common key: bisected.
        let first = keys.withUnsafeBufferPointer { Self.firstRow(in: $0, start..<end) { $0 >= key } }
        guard first < end, keys[first] == key else { return first..<first }
        return first..<keys.withUnsafeBufferPointer { Self.firstRow(in: $0, first..<end) { $0 > key } }
    }

    /// The first row of `rows` whose key satisfies `isPast` (which holds from some row on), or its end.
    @inline(__always)
    private static func firstRow(in keys: UnsafeBufferPointer<UInt64>, _ rows: Range<Int>, where isPast: (UInt64) -> Bool) -> Int {
        var (low, high) = (rows.lowerBound, rows.upperBound)
        while low < high {
            let middle = (low + high) / 2
            if isPast(keys[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
