import COpenBLAS
import Dispatch
import Foundation

/// Splits loops across the machine's cores: the per-row and per-head work between the BLAS calls.
enum Parallel {
    /// Cores the process may use.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Set by `PROVENANCE_PORTABLE_KERNELS=1`: only the portable kernels (Swift SIMD and OpenBLAS)
    /// run, never the CPU-specific ones of `CBigCodeKernels`; for comparing the two in benchmarks.
    static let portableKernels = ProcessInfo.processInfo.environment["PROVENANCE_PORTABLE_KERNELS"] == "1"

    /// Tells OpenBLAS to run every call on the thread that makes it, once per process.
    ///
    /// The runtime splits its products across cores itself, so that one pool of threads does all
    /// the work: OpenBLAS's own workers spin (yielding) for a while after each call and then
    /// fight the Dispatch threads of the elementwise and attention kernels for the same cores.
    static func blasOnCallingThread() { _ = singleThreadedBLAS }

    private static let singleThreadedBLAS: Void = openblas_set_num_threads(1)

    /// Runs `body` over `0 ..< count` cut into contiguous chunks of at least `grain` items,
    /// on up to ``workers`` threads; a few chunks per worker so a busy core does not stall the rest.
    ///
    /// `body` must only write to what its own range owns.
    static func forEachChunk(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        let chunks = min(max(1, count / max(grain, 1)), workers * 4)
        guard chunks > 1, workers > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        // Dispatch wants a @Sendable closure; the chunks are disjoint and concurrentPerform returns
        // only when all are done, which is the guarantee Sendable stands in for here.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                body((chunk * count / chunks)..<((chunk + 1) * count / chunks))
            }
        }
    }
}
