/// Splits a chunked byte stream into lines, incrementally, in memory bounded by the
/// longest line (plus one chunk).
///
/// Lines end at `\n`; a `\r` before it is dropped. Invariant: line numbers are 1-based
/// and count every line, blank ones included, so errors point where an editor would.
final class LineSplitter {
    /// One line, without its terminator.
    struct Line {
        var bytes: [UInt8]
        /// 1-based.
        var number: Int
        /// False for a last line that ends without `\n` (possibly a truncated row).
        var terminated: Bool
    }

    private let source: any ByteChunkSource
    private let path: String
    private let maxLineLength: Int
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// Where to resume looking for `\n`: bytes before it are known to hold none.
    private var scanned = 0
    private var exhausted = false
    private var lineNumber = 0

    init(source: any ByteChunkSource, path: String, maxLineLength: Int) {
        self.source = source
        self.path = path
        self.maxLineLength = maxLineLength
    }

    func nextLine() throws -> Line? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                scanned = start
                lineNumber += 1
                return Line(bytes: line, number: lineNumber, terminated: true)
            }
            scanned = buffer.count
            if buffer.count - start > maxLineLength {
                throw CorpusError(
                    .lineTooLong, path: path, line: lineNumber + 1,
                    "longer than \(maxLineLength) bytes")
            }
            if exhausted {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                scanned = start
                lineNumber += 1
                return Line(bytes: line, number: lineNumber, terminated: false)
            }
            try refill()
        }
    }

    private func refill() throws {
        // Drop consumed bytes before growing, so the buffer holds at most one line plus a chunk.
        if start > 0 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
        do {
            if let chunk = try source.nextChunk() {
                buffer.append(contentsOf: chunk)
            } else {
                exhausted = true
            }
        } catch var error as CorpusError {
            // A decompression error is reported at the line being read when it struck.
            error.line = error.line ?? lineNumber + 1
            throw error
        }
    }
}
