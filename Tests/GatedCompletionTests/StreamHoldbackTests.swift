import CodeLexing
@testable import GatedCompletion
import Testing

/// Which part of a stream may be sent: whole lines before the newest tokens and lines.
struct StreamHoldbackTests {
    /// Ten lines `a = b + c`, five tokens each, and their tokens.
    static let text = Array(String(repeating: "a = b + c\n", count: 10).utf8)
    static let tokens = (0..<50).map { index in
        let line = index / 5, column = [0, 2, 4, 6, 8][index % 5]
        return Token(kind: .identifier, start: line * 10 + column, end: line * 10 + column + 1, line: Int32(line + 1), column: Int32(column))
    }

    @Test("the lines of the newest tokens are held when they reach further back than the newest lines")
    func tokensDecide() {
        #expect(StreamHoldback(tokens: 12, lines: 3).releasable(Self.text, generatedTokens: Self.tokens) == 70)
    }

    @Test("the newest lines are held when they reach further back than the newest tokens")
    func linesDecide() {
        #expect(StreamHoldback(tokens: 2, lines: 3).releasable(Self.text, generatedTokens: Self.tokens) == 80)
        #expect(StreamHoldback(tokens: 2, lines: 1).releasable(Self.text, generatedTokens: Self.tokens) == 90)
    }

    @Test("nothing is sent while the text has fewer tokens than are held back")
    func shortTextIsHeld() {
        #expect(StreamHoldback(tokens: 51, lines: 1).releasable(Self.text, generatedTokens: Self.tokens) == 0)
    }
}
