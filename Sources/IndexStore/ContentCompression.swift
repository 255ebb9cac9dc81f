import CZstd
import Foundation

/// How stored file contents are compressed: zstd level 3, one frame per `frameSize`
/// bytes of the file, the frames concatenated.
///
/// Measured on the default corpus (Index/FORMAT.md): about 3.5× smaller contents. A
/// query verifies windows of a few hundred tokens in the files it hits, and those files
/// are the large ones; with one frame per file, decompressing them whole was a fifth of
/// a query. Split into frames, only the frames under a window are decompressed
/// (`decompress(_:size:covering:)`). Concatenated frames are still one valid zstd
/// stream, so whole-file readers (and indexes written with one frame) need no change.
/// Higher levels save little more and compress five times slower; a dictionary would
/// be one more thing fixed for the index's life.
public enum ContentCompression {
    public static let level: Int32 = 3
    /// Bytes of the file in each frame (the last one may hold fewer).
    public static let frameSize = 8192

    /// The frames of `bytes` (deterministic for the same bytes and level); one empty frame for no bytes.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBytes { input in
            for start in stride(from: 0, to: max(input.count, 1), by: frameSize) {
                let chunk = UnsafeRawBufferPointer(rebasing: input[start..<min(start + frameSize, input.count)])
                let capacity = ZSTD_compressBound(chunk.count)
                let offset = output.count
                output += repeatElement(0, count: capacity)
                let written = output.withUnsafeMutableBytes { out in
                    ZSTD_compress(out.baseAddress! + offset, capacity, chunk.baseAddress, chunk.count, level)
                }
                precondition(ZSTD_isError(written) == 0, "zstd cannot fail to compress into its own bound")
                output.removeSubrange((offset + written)...)
            }
        }
        return output
    }

    /// The `size` bytes the frames hold, or nil when they are damaged or of another size.
    public static func decompress(_ frames: [UInt8], size: Int) -> [UInt8]? {
        frames.withUnsafeBytes { decompress($0, size: size, covering: [0..<size]) }
    }

    /// A buffer of the file's `size` bytes in which at least the bytes in `ranges` are
    /// decompressed: only the frames overlapping them are, and the rest of the buffer is
    /// zeros. Nil when the frames are damaged or hold another size.
    public static func decompress(_ frames: UnsafeRawBufferPointer, size: Int, covering ranges: [Range<Int>]) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: size)
        let complete = contexts.withContext { context in
            output.withUnsafeMutableBytes { out -> Bool in
                var read = 0, written = 0
                while read < frames.count {
                    let frame = frames.baseAddress! + read, left = frames.count - read
                    let compressed = ZSTD_findFrameCompressedSize(frame, left)
                    let content = ZSTD_getFrameContentSize(frame, left)
                    // A frame without its size recorded cannot be skipped: decompress the rest at once.
                    guard ZSTD_isError(compressed) == 0, content <= UInt64(size - written) else {
                        let rest = ZSTD_decompressDCtx(context, out.baseAddress! + written, size - written, frame, left)
                        return ZSTD_isError(rest) == 0 && written + rest == size
                    }
                    let bytes = written..<(written + Int(content))
                    if ranges.contains(where: { $0.overlaps(bytes) }) {
                        let done = ZSTD_decompressDCtx(context, out.baseAddress! + written, bytes.count, frame, compressed)
                        guard ZSTD_isError(done) == 0, done == bytes.count else { return false }
                    }
                    read += compressed
                    written = bytes.upperBound
                }
                return written == size
            }
        }
        return complete ? output : nil
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
