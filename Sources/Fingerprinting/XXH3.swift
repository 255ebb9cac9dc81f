import CXXHash

/// XXH3-64 from the system libxxhash: the one hash behind every fingerprint.
public enum XXH3 {
    /// The 64-bit XXH3 hash of `bytes` with `seed`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, seed)
    }

    /// The 64-bit XXH3 hash of a string's UTF-8 bytes.
    public static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }
}
