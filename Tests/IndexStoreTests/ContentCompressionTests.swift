import IndexStore
import ProvenanceTestSupport
import Testing

/// Stored contents: zstd frames of `frameSize` bytes, decompressed whole or only where a window reads.
struct ContentCompressionTests {
    /// 5½ frames of text that compresses like code.
    static let bytes: [UInt8] = {
        var random = SeededGenerator(seed: 5)
        let words = ["def", "return", "self", "value", "(", ")", ":", "\n    ", "=", "+", "1", "name"]
        var bytes: [UInt8] = []
        while bytes.count < ContentCompression.frameSize * 11 / 2 { bytes += Array((words[Int(random.next() % 12)] + " ").utf8) }
        return bytes
    }()

    @Test("a file is stored as one frame per frameSize bytes and comes back whole")
    func roundTrip() {
        let frames = ContentCompression.compress(Self.bytes)
        #expect(frames.count < Self.bytes.count / 2)
        #expect(ContentCompression.decompress(frames, size: Self.bytes.count) == Self.bytes)
        #expect(ContentCompression.decompress(ContentCompression.compress([]), size: 0) == [])
        // Six frames: each starts with zstd's magic number.
        let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
        let starts = (0...(frames.count - 4)).filter { Array(frames[$0..<($0 + 4)]) == magic }
        #expect(starts.count == 6)
    }

    @Test("decompressing for byte ranges fills the frames under them and leaves the others zero")
    func partial() throws {
        let frames = ContentCompression.compress(Self.bytes)
        let size = ContentCompression.frameSize
        // A range across the second and third frames' boundary, and one inside the fifth.
        let ranges = [(2 * size - 100)..<(2 * size + 100), (4 * size + 10)..<(4 * size + 20)]
        let partial = try #require(frames.withUnsafeBytes {
            ContentCompression.decompress($0, size: Self.bytes.count, covering: ranges)
        })
        for frame in 0..<6 {
            let bytes = (frame * size)..<min((frame + 1) * size, Self.bytes.count)
            if [1, 2, 4].contains(frame) {
                #expect(partial[bytes] == Self.bytes[bytes], "frame \(frame) is decompressed")
            } else {
                #expect(partial[bytes].allSatisfy { $0 == 0 }, "frame \(frame) is skipped")
            }
        }
    }

    @Test("damaged or truncated frames and a wrong size are refused")
    func damaged() {
        let frames = ContentCompression.compress(Self.bytes)
        #expect(ContentCompression.decompress(Array(frames.dropLast(5)), size: Self.bytes.count) == nil)
        #expect(ContentCompression.decompress(frames, size: Self.bytes.count + 1) == nil)
        #expect(ContentCompression.decompress(frames, size: Self.bytes.count - 1) == nil)
        var flipped = frames
        flipped[flipped.count / 2] ^= 0xFF
        #expect(ContentCompression.decompress(flipped, size: Self.bytes.count) != Self.bytes)
        #expect(ContentCompression.decompress([1, 2, 3, 4, 5], size: 5) == nil)
    }
}
