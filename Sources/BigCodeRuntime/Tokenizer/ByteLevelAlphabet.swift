/// GPT-2's reversible map between the 256 byte values and printable Unicode scalars, so that
/// byte-level BPE tokens are printable strings (`Ġ` for a space, `Ċ` for a newline).
///
/// Bytes that are printable Latin-1 (`!`…`~`, `¡`…`¬`, `®`…`ÿ`) map to themselves; the other 68
/// map, in byte order, to U+0100 onwards.
struct ByteLevelAlphabet: Sendable {
    /// `scalarOfByte[b]` is the printable stand-in of byte `b`.
    let scalarOfByte: [Unicode.Scalar]
    /// The inverse of `scalarOfByte`.
    let byteOfScalar: [Unicode.Scalar: UInt8]

    static let gpt2 = ByteLevelAlphabet()

    private init() {
        var scalars = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0...255 {
            let printable = (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
            if printable {
                scalars[byte] = Unicode.Scalar(UInt8(byte))
            } else {
                scalars[byte] = Unicode.Scalar(next)!
                next += 1
            }
        }
        scalarOfByte = scalars
        var inverse: [Unicode.Scalar: UInt8] = [:]
        for (byte, scalar) in scalars.enumerated() { inverse[scalar] = UInt8(byte) }
        byteOfScalar = inverse
    }

    /// The printable token text of raw bytes.
    func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(scalarOfByte[Int(byte)]) }
        return String(text)
    }

    /// The raw bytes of a token's text, or `nil` when a scalar is outside the alphabet.
    func decode(_ token: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.unicodeScalars.count)
        for scalar in token.unicodeScalars {
            guard let byte = byteOfScalar[scalar] else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
