/// Finds added (special) tokens such as `<fim-prefix>` in raw text, leftmost-longest, before
/// any BPE runs, so that they always map to their own id.
struct AddedTokenMatcher: Sendable {
    /// Added tokens by their first byte, longest first.
    private let candidates: [UInt8: [(bytes: [UInt8], id: Int)]]

    init(tokens: [String: Int]) {
        var candidates: [UInt8: [(bytes: [UInt8], id: Int)]] = [:]
        for (content, id) in tokens where !content.isEmpty {
            let bytes = Array(content.utf8)
            candidates[bytes[0], default: []].append((bytes, id))
        }
        self.candidates = candidates.mapValues { $0.sorted { $0.bytes.count > $1.bytes.count } }
    }

    /// A piece of input: plain text for BPE, or an added token's id.
    enum Segment: Equatable {
        case text(Range<Int>)
        case added(Int)
    }

    /// Splits UTF-8 `bytes` into plain-text byte ranges and added tokens.
    ///
    /// Matches always start and end on scalar boundaries, since added tokens are valid UTF-8.
    func segments(_ bytes: [UInt8]) -> [Segment] {
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while index < bytes.count {
            if let options = candidates[bytes[index]],
                let match = options.first(where: { Self.hasPrefix(bytes, at: index, $0.bytes) })
            {
                if textStart < index { segments.append(.text(textStart..<index)) }
                segments.append(.added(match.id))
                index += match.bytes.count
                textStart = index
            } else {
                index += 1
            }
        }
        if textStart < bytes.count { segments.append(.text(textStart..<bytes.count)) }
        return segments
    }

    private static func hasPrefix(_ bytes: [UInt8], at index: Int, _ prefix: [UInt8]) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
        return true
    }
}
