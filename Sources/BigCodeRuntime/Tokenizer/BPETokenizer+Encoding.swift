extension BPETokenizer {
    /// The token ids of `text`; the same as Hugging Face `tokenizers` gives (no BOS, no EOS).
    public func encode(_ text: String) -> [Int] {
        let bytes = Array(text.utf8)
        var ids: [Int] = []
        for segment in addedTokenMatcher.segments(bytes) {
            switch segment {
            case .added(let id):
                ids.append(id)
            case .text(let range):
                let scalars = Array(String(decoding: bytes[range], as: UTF8.self).unicodeScalars)
                for piece in preTokenizer.split(scalars) {
                    var pieceBytes: [UInt8] = []
                    for scalar in scalars[piece] { pieceBytes.append(contentsOf: String(scalar).utf8) }
                    ids.append(contentsOf: mergePiece(pieceBytes))
                }
            }
        }
        return ids
    }

    /// BPE on one pre-token: start from one token per byte, then repeatedly join the adjacent
    /// pair with the lowest merge rank (the leftmost on ties), as `tokenizers` does.
    ///
    /// Symbols form a linked list over their first byte's position and candidate merges wait in a
    /// heap, so a long piece (a run of 10,000 spaces) costs O(n log n), not O(n²).
    func mergePiece(_ bytes: [UInt8]) -> [Int] {
        var symbols = bytes.map { byteTokenIDs[Int($0)] }
        let count = symbols.count
        guard count > 1 else { return symbols }
        var next = Array(1...count)  // `count` marks the end
        var previous = Array(-1..<(count - 1))
        var alive = [Bool](repeating: true, count: count)
        var queue = MergeQueue()
        func consider(_ position: Int) {
            guard position >= 0, next[position] < count else { return }
            let (left, right) = (symbols[position], symbols[next[position]])
            if let merge = merges[UInt64(left) << 32 | UInt64(right)] {
                queue.push(.init(rank: merge.rank, position: position, left: left, right: right, merged: Int(merge.merged)))
            }
        }
        for position in 0..<(count - 1) { consider(position) }
        while let candidate = queue.pop() {
            let position = candidate.position
            let neighbour = next[position]
            // skip candidates that earlier merges made stale
            guard alive[position], neighbour < count, symbols[position] == candidate.left,
                symbols[neighbour] == candidate.right
            else { continue }
            symbols[position] = candidate.merged
            alive[neighbour] = false
            next[position] = next[neighbour]
            if next[neighbour] < count { previous[next[neighbour]] = position }
            consider(previous[position])
            consider(position)
        }
        var result: [Int] = []
        var position = 0
        while position < count {
            result.append(symbols[position])
            position = next[position]
        }
        return result
    }

    /// The raw bytes of token `id`: byte-level tokens mapped back through GPT-2's alphabet,
    /// added tokens as their UTF-8 content.
    public func bytes(of id: Int) -> [UInt8] {
        guard let token = token(of: id) else { return [] }
        if addedTokens[token] == id { return Array(token.utf8) }
        return alphabet.decode(token) ?? Array(token.utf8)
    }

    /// The text of `ids`; invalid UTF-8 (a token sequence cut inside a character) becomes U+FFFD.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        var bytes: [UInt8] = []
        for id in ids {
            if skipSpecialTokens, let token = token(of: id), addedTokens[token] == id { continue }
            bytes.append(contentsOf: self.bytes(of: id))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
