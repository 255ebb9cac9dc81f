import Foundation

/// A stream of bytes read in bounded chunks: a plain file, or a decompressor over one.
///
/// Memory stays bounded by the chunk size whatever the input's size; callers that
/// need lines use `LineSplitter` on top.
protocol ByteChunkSource: AnyObject {
    /// The next chunk (never empty), or `nil` at the end of the stream.
    func nextChunk() throws -> [UInt8]?
}

/// How a corpus file is compressed, told by its first bytes (not its name, which may lie).
enum Compression: String, Sendable {
    case none, gzip, zstd

    /// gzip members start with 1f 8b; zstd frames with the magic number 0xFD2FB528, little-endian.
    init(magic: [UInt8]) {
        if magic.count >= 2, magic[0] == 0x1F, magic[1] == 0x8B {
            self = .gzip
        } else if magic.count >= 4, magic[0] == 0x28, magic[1] == 0xB5, magic[2] == 0x2F, magic[3] == 0xFD {
            self = .zstd
        } else {
            self = .none
        }
    }
}

/// Reads a file in fixed-size chunks.
final class FileByteSource: ByteChunkSource {
    let path: String
    private let handle: FileHandle
    private let chunkSize: Int
    /// Bytes read ahead to sniff the compression, handed out first.
    private var pending: [UInt8]?

    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.chunkSize = chunkSize
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CorpusError(.io, path: path, "cannot open the file for reading")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The first bytes of the file, without consuming them.
    func peek() throws -> [UInt8] {
        if pending == nil { pending = try readChunk() ?? [] }
        return pending ?? []
    }

    func nextChunk() throws -> [UInt8]? {
        if let chunk = pending {
            pending = nil
            if !chunk.isEmpty { return chunk }
        }
        return try readChunk()
    }

    private func readChunk() throws -> [UInt8]? {
        do {
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
            return [UInt8](data)
        } catch {
            throw CorpusError(.io, path: path, "read failed: \(error.localizedDescription)")
        }
    }

    /// Opens `path` and returns a source of its decompressed bytes, choosing the
    /// decompressor from the file's magic bytes.
    static func opening(path: String, chunkSize: Int = 1 << 20) throws -> any ByteChunkSource {
        let file = try FileByteSource(path: path, chunkSize: chunkSize)
        switch Compression(magic: Array(try file.peek().prefix(4))) {
        case .none: return file
        case .gzip: return try GzipByteSource(input: file, chunkSize: chunkSize)
        case .zstd: return try ZstdByteSource(input: file, chunkSize: chunkSize)
        }
    }
}

/// A copy of a chunk in a heap buffer whose address stays put, as the C decompressors
/// need between calls.
final class PinnedBuffer {
    let pointer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes of valid data from `pointer`.
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }

    /// Replaces the contents with `bytes` (at most `capacity` of them are expected).
    func load(_ bytes: [UInt8]) {
        precondition(bytes.count <= capacity, "chunk larger than the pinned buffer")
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            pointer.update(from: base, count: bytes.count)
        }
        count = bytes.count
    }

    func copy(count: Int) -> [UInt8] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
