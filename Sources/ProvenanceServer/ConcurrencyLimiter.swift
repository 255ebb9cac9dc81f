import Synchronization

/// A counting limit on work in flight that never waits: a caller gets a slot or is told
/// the server is full, so overload turns into fast 503s instead of a growing queue.
///
/// Invariant: `0 <= inFlight <= limit`; every successful `tryAcquire()` is paired with
/// one `release()`.
///
/// ```swift
/// guard limiter.tryAcquire() else { throw ServerError.overloaded(...) }
/// defer { limiter.release() }
/// ```
public final class ConcurrencyLimiter: Sendable {
    public let limit: Int
    private let count = Mutex(0)

    public init(limit: Int) {
        precondition(limit > 0, "a concurrency limit must be positive")
        self.limit = limit
    }

    /// Takes a slot if one is free.
    public func tryAcquire() -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives back a slot taken by `tryAcquire()`.
    public func release() {
        count.withLock { count in
            precondition(count > 0, "release() without a matching tryAcquire()")
            count -= 1
        }
    }

    /// Slots taken now.
    public var inFlight: Int { count.withLock { $0 } }
}
