import CodeLexing

/// How much of a stream's generated text can be sent: whole lines that no copy still being
/// written can reach back into.
///
/// A copy is reported only once it has enough tokens and lines (`MatchOptions.minTokens`,
/// `minLines`), and a reported span starts at a line start. So the gate holds back the lines of
/// the newest `tokens` generated tokens and the newest `lines` lines, whichever reach further
/// back; a copy that has not been reported yet is shorter than that and lies inside the held
/// text. Invariant: the releasable offset is a line start (or 0), so it never splits a character.
struct StreamHoldback: Sendable, Equatable {
    var tokens: Int
    var lines: Int

    /// The byte offset in `generated` up to which text can be sent; `generatedTokens` are its
    /// tokens with offsets and lines relative to it (`GeneratedTextChecker.Check`).
    func releasable(_ generated: [UInt8], generatedTokens: [Token]) -> Int {
        var lineStarts = [0]
        for (offset, byte) in generated.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
        // Lines are 1-based: line n starts at lineStarts[n - 1]; the last one is being written.
        var firstHeld = lineStarts.count - lines + 1
        if generatedTokens.count < tokens {
            firstHeld = 1
        } else {
            firstHeld = min(firstHeld, Int(generatedTokens[generatedTokens.count - tokens].line))
        }
        return firstHeld > 1 ? lineStarts[firstHeld - 1] : 0
    }
}
