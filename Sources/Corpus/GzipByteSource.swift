import CZlib

/// Streams the decompressed bytes of a gzip file through the system zlib.
///
/// Handles multi-member files (as `cat a.gz b.gz` or pigz make). A stream that ends
/// inside a member is `truncatedInput`, never a silent short read.
final class GzipByteSource: ByteChunkSource {
    private let input: FileByteSource
    /// zlib checks that the stream's address never changes, so it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let inBuffer: PinnedBuffer
    private let outBuffer: PinnedBuffer
    private var inputExhausted = false
    /// True between a member's first byte and its end: running out of input then is truncation.
    private var insideMember = false
    private var finished = false

    init(input: FileByteSource, chunkSize: Int) throws {
        self.input = input
        inBuffer = PinnedBuffer(capacity: chunkSize)
        outBuffer = PinnedBuffer(capacity: chunkSize)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: the largest window, and expect a gzip header (not zlib or raw deflate).
        let status = provenance_inflateInit2(stream, 15 + 16)
        guard status == Z_OK else {
            stream.deallocate()
            throw CorpusError(.corruptCompression, path: input.path, "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func nextChunk() throws -> [UInt8]? {
        guard !finished else { return nil }
        while true {
            if stream.pointee.avail_in == 0 && !inputExhausted {
                if let chunk = try input.nextChunk() {
                    inBuffer.load(chunk)
                    stream.pointee.next_in = inBuffer.pointer
                    stream.pointee.avail_in = UInt32(chunk.count)
                } else {
                    inputExhausted = true
                }
            }
            if stream.pointee.avail_in == 0 && inputExhausted {
                finished = true
                if insideMember {
                    throw CorpusError(.truncatedInput, path: input.path, "the gzip stream ends inside a member")
                }
                return nil
            }
            stream.pointee.next_out = outBuffer.pointer
            stream.pointee.avail_out = UInt32(outBuffer.capacity)
            insideMember = true
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = outBuffer.capacity - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                // A member ended; another may follow (multi-member gzip).
                insideMember = false
                inflateReset(stream)
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                finished = true
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw CorpusError(.corruptCompression, path: input.path, "gzip: \(message)")
            }
            if produced > 0 { return outBuffer.copy(count: produced) }
        }
    }
}
