/// A map from 64-bit integers (content ids, diagonals) to values: open addressing with
/// a multiplicative hash, doubled when half full.
///
/// For the query path's tallies over thousands of hits and seeds, where hashing each
/// key with SipHash (`Dictionary`) was a measurable share of a query.
struct IntegerTable<Value> {
    private var keys: [Int64]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var count = 0

    /// An empty table; it allocates on its first entry (many stay empty).
    init() {
        keys = []
        values = []
        shift = 64 - 5
    }

    /// An empty table with room for `capacity` entries before it grows.
    init(capacity: Int) {
        self.init()
        reserve(capacity)
    }

    /// Makes room for `capacity` entries in all, in one step rather than doubling on the
    /// way (each doubling moves every entry).
    mutating func reserve(_ capacity: Int) {
        var slots = max(32, keys.count)
        while slots < capacity * 2 { slots *= 2 }
        guard slots > keys.count else { return }
        resize(to: slots)
    }

    /// The value of `key` (any 64-bit integer, by its bit pattern), or nil; set, it
    /// replaces or adds one (never removes).
    subscript<Key: FixedWidthInteger>(key: Key) -> Value? {
        get { count == 0 ? nil : values[slot(of: Int64(truncatingIfNeeded: key))] }
        set {
            guard let newValue else { preconditionFailure("an IntegerTable does not remove entries") }
            update(key, initial: newValue) { $0 = newValue }
        }
    }

    /// Applies `body` to the value of `key`, which starts as `initial` when absent.
    mutating func update<Key: FixedWidthInteger>(_ key: Key, initial: Value, _ body: (inout Value) -> Void) {
        let key = Int64(truncatingIfNeeded: key)
        if keys.isEmpty {
            keys = Array(repeating: 0, count: 32)
            values = Array(repeating: nil, count: 32)
        }
        var index = slot(of: key)
        if values[index] == nil {
            if (count + 1) * 2 > keys.count {
                grow()
                index = slot(of: key)
            }
            keys[index] = key
            values[index] = initial
            count += 1
        }
        body(&values[index]!)
    }

    /// Every entry, in no particular order.
    func forEach(_ body: (_ key: Int64, _ value: Value) -> Void) {
        for (key, value) in zip(keys, values) {
            if let value { body(key, value) }
        }
    }

    /// The slot holding `key`, or the empty one where it would go.
    private func slot(of key: Int64) -> Int {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while values[index] != nil, keys[index] != key { index = (index + 1) & mask }
        return index
    }

    private mutating func grow() {
        resize(to: keys.count * 2)
    }

    /// Moves every entry into `slots` slots (a power of two, at least twice the entries).
    private mutating func resize(to slots: Int) {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: 0, count: slots)
        values = Array(repeating: nil, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
        for (key, value) in zip(oldKeys, oldValues) {
            guard let value else { continue }
            let index = slot(of: key)
            keys[index] = key
            values[index] = value
        }
    }
}
