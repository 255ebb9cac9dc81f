/// A language's multi-byte operators, matched longest first.
///
/// Any byte that starts no listed operator is an operator of one byte: this is
/// how punctuation (`(`, `;`) and bytes no lexer understands (NUL, control
/// bytes, a stray `\`) become tokens, one byte each, so that every byte outside
/// whitespace and comments lands in some token.
///
/// Operators are packed little-endian into a `UInt32` (at most four bytes,
/// e.g. `>>>=`) and grouped by first byte, so a match is a few integer compares.
struct OperatorTable: Sendable {
    /// For first byte `b`, candidates are `packed[starts[b]..<starts[b + 1]]`, longest first.
    private let starts: [Int]
    private let packed: [UInt32]
    private let lengths: [Int]

    /// A table of `operators`, each two to four ASCII bytes long.
    init(_ operators: [String]) {
        let byFirstByte = Dictionary(grouping: operators.map { Array($0.utf8) }, by: { $0[0] })
        var starts = [Int](repeating: 0, count: 257)
        var packed: [UInt32] = []
        var lengths: [Int] = []
        for first in 0..<256 {
            starts[first] = packed.count
            let candidates = (byFirstByte[UInt8(first)] ?? []).sorted { $0.count > $1.count }
            for candidate in candidates {
                precondition((2...4).contains(candidate.count), "operators are two to four bytes")
                packed.append(candidate.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) })
                lengths.append(candidate.count)
            }
        }
        starts[256] = packed.count
        self.starts = starts
        self.packed = packed
        self.lengths = lengths
    }

    /// How many bytes the operator at `offset` spans: the longest listed match, else 1.
    func matchLength(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let first = Int(bytes[offset])
        let range = starts[first]..<starts[first + 1]
        guard !range.isEmpty else { return 1 }
        let available = min(4, bytes.count - offset)
        var window: UInt32 = 0
        for index in 0..<available {
            window |= UInt32(bytes[offset + index]) << (8 * UInt32(index))
        }
        for candidate in range {
            let length = lengths[candidate]
            guard length <= available else { continue }
            let mask: UInt32 = length == 4 ? ~0 : (1 << (8 * UInt32(length))) - 1
            if window & mask == packed[candidate] {
                return length
            }
        }
        return 1
    }
}
