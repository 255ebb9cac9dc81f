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
    func mergePiece(_ bytes: [UInt8]) -> [Int] {
        var symbols = bytes.map { byteTokenIDs[Int($0)] }
        while symbols.count > 1 {
            var best: (index: Int, merge: Merge)?
            for index in 0..<(symbols.count - 1) {
                let key = UInt64(symbols[index]) << 32 | UInt64(symbols[index + 1])
                if let merge = merges[key], merge.rank < best?.merge.rank ?? .max {
                    best = (index, merge)
                }
            }
            guard let best else { break }
            symbols[best.index] = Int(best.merge.merged)
            symbols.remove(at: best.index + 1)
        }
        return symbols
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
