/// The lines of a file's bytes, as the lexers count them: a line ends at `\n` only, and a
/// `\r` before it belongs to the line's terminator, not its text.
///
/// Invariant: `count` is the number of `\n` bytes plus one; line `n` (1-based) spans
/// `start(of: n) ..< end(of: n)`, and the spans of all lines tile the bytes.
struct SourceLines {
    let bytes: [UInt8]
    /// Byte offset where each line starts; the last line runs to the end of the bytes.
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Where line `line` (1-based) starts.
    func start(of line: Int) -> Int { starts[line - 1] }

    /// Where line `line` ends, its terminator included.
    func end(of line: Int) -> Int { line < starts.count ? starts[line] : bytes.count }

    /// The line's bytes without its `\n` or `\r\n`.
    func text(of line: Int) -> ArraySlice<UInt8> {
        var end = end(of: line)
        if end > start(of: line), bytes[end - 1] == 0x0A { end -= 1 }
        if end > start(of: line), bytes[end - 1] == 0x0D, end < bytes.count, bytes[end] == 0x0A { end -= 1 }
        return bytes[start(of: line)..<end]
    }

    /// The line's terminator: `\r\n`, `\n`, or nothing for a last line without one.
    func terminator(of line: Int) -> ArraySlice<UInt8> {
        bytes[(start(of: line) + text(of: line).count)..<end(of: line)]
    }

    /// The terminator new lines should use: the first one in the file, else `\n`.
    var preferredTerminator: [UInt8] {
        count > 1 ? Array(terminator(of: 1)) : [0x0A]
    }

    /// The spaces and tabs a line starts with.
    func indentation(of line: Int) -> ArraySlice<UInt8> {
        text(of: line).prefix { $0 == 0x20 || $0 == 0x09 }
    }
}
