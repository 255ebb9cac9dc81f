/// Robust winnowing (Schleimer, Wilkerson & Aiken 2003): selects fingerprints from k-gram hashes.
///
/// In each window of w consecutive hashes the minimum is selected; ties keep the
/// hash selected for the previous window when it is still in this one, and otherwise
/// take the rightmost minimum. Each selected position is recorded once.
///
/// Invariant (the winnowing guarantee): two hash sequences sharing a run of w
/// hashes — token streams sharing w + k − 1 tokens — share a selected hash value.
/// A sequence shorter than one window selects its single (rightmost) minimum.
/// Runs in O(n) with a monotonic deque.
public struct Winnower: Sendable {
    /// Window length in hashes.
    public let w: Int

    public init(w: Int) {
        precondition(w >= 1, "a window holds at least one hash")
        self.w = w
    }

    /// The fingerprints selected from `hashes`, in position order.
    public func fingerprints(of hashes: [UInt64]) -> [Fingerprint] {
        guard !hashes.isEmpty else { return [] }
        var selected: [Fingerprint] = []
        selected.reserveCapacity(hashes.count * 2 / (w + 1) + 1)
        // deque[head...] holds positions whose hashes increase strictly from front to
        // back; the front is the window's rightmost minimum.
        var deque = [Int](repeating: 0, count: hashes.count)
        var head = 0
        var tail = 0
        var previous = -1
        let windowCount = max(1, hashes.count - w + 1)
        let firstWindowEnd = min(w, hashes.count)
        for position in 0..<hashes.count {
            let hash = hashes[position]
            while tail > head && hashes[deque[tail - 1]] >= hash { tail -= 1 }
            deque[tail] = position
            tail += 1
            guard position >= firstWindowEnd - 1 else { continue }
            let windowStart = position - firstWindowEnd + 1
            guard windowStart < windowCount else { break }
            while deque[head] < windowStart { head += 1 }
            let minimum = deque[head]
            if previous >= windowStart && hashes[previous] == hashes[minimum] { continue }
            previous = minimum
            selected.append(Fingerprint(hash: hashes[minimum], position: Int32(truncatingIfNeeded: minimum)))
        }
        return selected
    }
}
