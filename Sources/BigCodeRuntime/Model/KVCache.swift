// Legend: N capacity in tokens, K = G·D key (and value) channels per token.

/// The keys and values of every token a model has seen, per layer, so that each new token
/// costs one step instead of a pass over the whole prefix.
///
/// With multi-query attention K is one head (128 floats for SantaCoder), so a full 2048-token
/// SantaCoder cache is 24 × 2 × 2048 × 128 × 4 B = 50 MB.
public struct KVCache: Sendable {
    /// Tokens cached so far; the next token's position.
    public internal(set) var count: Int = 0
    /// Tokens the cache can hold (N).
    public let capacity: Int
    /// Per layer, `[N, K]`; rows `0 ..< count` are filled.
    var keys: [[Float]]
    /// Per layer, `[N, K]`; rows `0 ..< count` are filled.
    var values: [[Float]]

    /// An empty cache for `layers` layers of `keyValueSize` channels, holding up to `capacity` tokens.
    public init(layers: Int, keyValueSize: Int, capacity: Int) {
        self.capacity = capacity
        keys = Array(repeating: [Float](repeating: 0, count: capacity * keyValueSize), count: layers)
        values = keys
    }

    /// Forgets every token after the first `count`, so a new continuation can reuse a prefix.
    public mutating func truncate(to count: Int) {
        precondition(count >= 0 && count <= self.count, "KVCache.truncate: \(count) is not within 0...\(self.count)")
        self.count = count
    }
}
