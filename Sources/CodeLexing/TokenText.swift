/// Printable token text, for `provenance lex`, golden files and explanations.
public enum TokenText {
    /// The token's text with backslash, newline, carriage return and tab escaped and
    /// invalid UTF-8 shown as U+FFFD, so that one token always prints on one line.
    public static func escaped(_ token: Token, in source: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: source[token.range]), as: UTF8.self)
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\0": escaped += "\\0"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
