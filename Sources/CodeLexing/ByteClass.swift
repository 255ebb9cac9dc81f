/// The role a byte plays for the lexers, looked up in one 256-entry table.
///
/// Every lexer dispatches on bytes, never on `Character`s: a table lookup per
/// byte is what keeps lexing well above 50 MB/s. All bytes from 0x80 up count as
/// identifier bytes, so a non-ASCII letter (`café`, `名前`), and equally any
/// other non-ASCII scalar or invalid UTF-8 byte, continues or starts an
/// identifier; the lexers need no Unicode tables and never split a scalar.
enum ByteClass {
    /// Space, tab, carriage return, form feed, vertical tab (not the newline).
    static let space: UInt8 = 1 << 0
    /// The line feed, which alone ends a line.
    static let newline: UInt8 = 1 << 1
    /// `A`–`Z`, `a`–`z`, `_` and every byte from 0x80 up.
    static let identifierStart: UInt8 = 1 << 2
    /// `0`–`9`.
    static let digit: UInt8 = 1 << 3
    /// `0`–`9`, `a`–`f`, `A`–`F`.
    static let hexDigit: UInt8 = 1 << 4
    /// ASCII letters, digits and `_`: what a numeric suffix or a regex flag is made of.
    static let asciiWord: UInt8 = 1 << 5

    /// Identifier start or digit: what an identifier continues with.
    static let identifierPart: UInt8 = identifierStart | digit
    /// Space or newline.
    static let whitespace: UInt8 = space | newline

    /// The class bits of each byte value.
    ///
    /// An immortal pointer rather than an array: the hot loops index it once per
    /// byte, and a raw pointer costs neither a bounds check nor a lazy-global check.
    /// It is written once, before first use, and only read afterwards.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            table[byte] = classify(UInt8(byte))
        }
        return UnsafePointer(table)
    }()

    private static func classify(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C, 0x0B:
            return space
        case UInt8(ascii: "\n"):
            return newline
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return digit | hexDigit | asciiWord
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            return identifierStart | hexDigit | asciiWord
        case UInt8(ascii: "g")...UInt8(ascii: "z"), UInt8(ascii: "G")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return identifierStart | asciiWord
        case 0x80...0xFF:
            return identifierStart
        default:
            return 0
        }
    }
}
