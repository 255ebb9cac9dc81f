/// Turns a stream of token bytes into text without ever emitting a broken character: bytes
/// of an incomplete UTF-8 sequence at the end are held until the rest arrives.
///
/// Invariant: the concatenation of every `append` result and `finish()` equals
/// `String(decoding: allBytes, as: UTF8.self)`.
public struct StreamingTextDecoder: Sendable {
    private var pending: [UInt8] = []

    /// An empty decoder.
    public init() {}

    /// Adds `bytes` and returns the text that is now complete (possibly empty).
    public mutating func append(_ bytes: [UInt8]) -> String {
        pending.append(contentsOf: bytes)
        let cut = Self.completePrefixLength(pending)
        guard cut > 0 else { return "" }
        let text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    /// Returns whatever is still held, invalid bytes as U+FFFD, and empties the decoder.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The length of `bytes` without a trailing lead byte whose continuation bytes have not all arrived.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        // look back over at most three continuation bytes (10xxxxxx) for a lead byte
        while index > 0 && bytes.count - index < 3 && bytes[index - 1] & 0xC0 == 0x80 { index -= 1 }
        guard index > 0 else { return bytes.count }
        let lead = bytes[index - 1]
        let needed: Int
        switch lead {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return bytes.count  // ASCII, a stray continuation or an invalid byte: nothing to wait for
        }
        let available = bytes.count - (index - 1)
        return available < needed ? index - 1 : bytes.count
    }
}
