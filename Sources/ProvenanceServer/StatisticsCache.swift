import IndexStore
import NIOPosix

/// `index stats` for `GET /v1/index`, computed at most once a minute per `top`: the counts
/// scan the whole fingerprint table, seconds on a large index. Requests that arrive while
/// it is computed wait for that one computation.
actor StatisticsCache {
    private let index: IndexReader
    private let maxAge: Duration
    private var entries: [Int: (started: ContinuousClock.Instant, task: Task<IndexStatistics, any Error>)] = [:]

    init(index: IndexReader, maxAge: Duration = .seconds(60)) {
        self.index = index
        self.maxAge = maxAge
    }

    func statistics(top: Int) async throws -> IndexStatistics {
        if let entry = entries[top], entry.started.duration(to: .now) < maxAge { return try await entry.task.value }
        let index = index
        // Off the cooperative pool: SQLite blocks its thread for the whole scan.
        let task = Task { try await NIOThreadPool.singleton.runIfActive { try index.statistics(top: top) } }
        entries[top] = (.now, task)
        do {
            return try await task.value
        } catch {
            entries[top] = nil
            throw error
        }
    }
}
