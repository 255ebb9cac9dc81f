/// A snippet whose markers say where a match is expected, as in swift-format's tests.
///
/// `⟦` opens and `⟧` closes a marked span; the markers are removed from `text`, and
/// `spans` holds the 1-based, inclusive line range of each marked span, in order.
///
/// ```swift
/// let marked = MarkedText("x = 1\n⟦def f():\n    return 2⟧\n")
/// marked.text    // "x = 1\ndef f():\n    return 2\n"
/// marked.spans   // [2...3]
/// ```
public struct MarkedText: Sendable {
    public let text: String
    public let spans: [ClosedRange<Int>]

    public init(_ marked: String) {
        var text = ""
        var spans: [ClosedRange<Int>] = []
        var line = 1
        var open: Int?
        for character in marked {
            switch character {
            case "⟦": open = line
            case "⟧":
                if let start = open { spans.append(start...line) }
                open = nil
            default:
                if character == "\n" { line += 1 }
                text.append(character)
            }
        }
        self.text = text
        self.spans = spans
    }
}
