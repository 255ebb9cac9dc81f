import CZstd
import Foundation

/// How stored file contents are compressed: zstd level 3, one frame per file.
///
/// Measured on the default corpus (Index/FORMAT.md): 3.5× smaller contents, about
/// 10 µs to decompress a file on the query path — a fifth of lexing it. Higher levels
/// save little more and compress five times slower; a dictionary would be one more
/// thing fixed for the index's life.
public enum ContentCompression {
    public static let level: Int32 = 3

    /// One zstd frame of `bytes` (deterministic for the same bytes and level).
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let capacity = ZSTD_compressBound(bytes.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { input in
                ZSTD_compress(out.baseAddress, capacity, input.baseAddress, input.count, level)
            }
        }
        precondition(ZSTD_isError(written) == 0, "zstd cannot fail to compress into its own bound")
        output.removeSubrange(written...)
        return output
    }

    /// The `size` bytes a frame holds, or nil when the frame is damaged or of another size.
    public static func decompress(_ frame: [UInt8], size: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: size)
        let written = contexts.withContext { context in
            output.withUnsafeMutableBytes { out in
                frame.withUnsafeBytes { input in
                    ZSTD_decompressDCtx(context, out.baseAddress, size, input.baseAddress, input.count)
                }
            }
        }
        guard ZSTD_isError(written) == 0, written == size else { return nil }
        return output
    }

    /// Decompression contexts, reused: making one for each frame (what `ZSTD_decompress`
    /// does) cost more than decompressing the frame for the files queries verify.
    static let contexts = DecompressionContexts()
}

/// A pool of zstd decompression contexts, one per thread decompressing at a time.
final class DecompressionContexts: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []

    /// Runs `body` with a context no other thread is using.
    func withContext<T>(_ body: (OpaquePointer) -> T) -> T {
        let context = lock.withLock { idle.popLast() } ?? ZSTD_createDCtx()!
        defer { lock.withLock { idle.append(context) } }
        return body(context)
    }
}
