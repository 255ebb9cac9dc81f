import CZstd

/// Streams the decompressed bytes of a zstd file through the system libzstd's
/// `ZSTD_decompressStream`, frame after frame.
///
/// A stream that ends inside a frame is `truncatedInput`.
final class ZstdByteSource: ByteChunkSource {
    private let input: FileByteSource
    private let context: OpaquePointer
    private let inBuffer: PinnedBuffer
    private let outBuffer: PinnedBuffer
    private var inPosition = 0
    private var inputExhausted = false
    /// The last `ZSTD_decompressStream` result: 0 exactly when a frame has just ended.
    private var frameRemainder = 0
    private var sawInput = false
    private var finished = false

    init(input: FileByteSource, chunkSize: Int) throws {
        self.input = input
        inBuffer = PinnedBuffer(capacity: chunkSize)
        outBuffer = PinnedBuffer(capacity: max(chunkSize, ZSTD_DStreamOutSize()))
        guard let context = ZSTD_createDStream() else {
            throw CorpusError(.corruptCompression, path: input.path, "zstd could not start")
        }
        self.context = context
        ZSTD_initDStream(context)
    }

    deinit { ZSTD_freeDStream(context) }

    func nextChunk() throws -> [UInt8]? {
        guard !finished else { return nil }
        while true {
            if inPosition == inBuffer.count && !inputExhausted {
                if let chunk = try input.nextChunk() {
                    inBuffer.load(chunk)
                    inPosition = 0
                    sawInput = true
                } else {
                    inputExhausted = true
                }
            }
            var inDescriptor = ZSTD_inBuffer(src: inBuffer.pointer, size: inBuffer.count, pos: inPosition)
            var outDescriptor = ZSTD_outBuffer(dst: outBuffer.pointer, size: outBuffer.capacity, pos: 0)
            let before = inDescriptor.pos
            let result = ZSTD_decompressStream(context, &outDescriptor, &inDescriptor)
            let progressed = inDescriptor.pos > before || outDescriptor.pos > 0
            inPosition = inDescriptor.pos
            if ZSTD_isError(result) != 0 {
                finished = true
                let name = String(cString: ZSTD_getErrorName(result))
                throw CorpusError(.corruptCompression, path: input.path, "zstd: \(name)")
            }
            // A call that did nothing (no input left) reports what a new frame would need,
            // not the state of the last one.
            if progressed { frameRemainder = result }
            if outDescriptor.pos > 0 { return outBuffer.copy(count: outDescriptor.pos) }
            // No output and no input left: the stream is over, cleanly or not.
            if inputExhausted && inPosition == inBuffer.count {
                finished = true
                if sawInput && frameRemainder != 0 {
                    throw CorpusError(.truncatedInput, path: input.path, "the zstd stream ends inside a frame")
                }
                return nil
            }
        }
    }
}
