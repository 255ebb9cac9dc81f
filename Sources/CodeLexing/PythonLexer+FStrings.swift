// F-strings: finding where one ends means following its replacement fields,
// which hold code (with strings, even f-strings, of the same quote since Python
// 3.12), which holds more fields. The pass keeps a stack of frames instead of
// recursing, so 10,000 nested f-strings cost 10,000 small frames, not stack depth.
//
// For `f"a{x:{w}}b"` the stack grows and shrinks like this:
//   f"a      [text]
//   {x       [text, field]          code: tokens are scanned, not emitted
//   :        [text, field, spec]
//   {w       [text, field, spec, field]
//   }        [text, field, spec]
//   }        [text]                 a spec's `}` closes its field too
//   b"       []                     the whole f-string is emitted as one token

extension PythonLexer {
    /// One level of an open f-string.
    struct FStringFrame {
        enum Kind: UInt8 {
            /// The literal text of an f-string, up to `{`, or its closing quote.
            case text
            /// A replacement field's code, up to its `}` or its format spec's `:`.
            case field
            /// A format spec: text again, whose `{` opens a nested field.
            case spec
        }

        var kind: Kind
        /// The owning f-string's quote, and whether it is tripled and raw.
        let quote: UInt8
        let isTriple: Bool
        let isRaw: Bool
        /// In a field: how many brackets opened inside it are still open.
        var depth = 0

        /// A frame of `kind` owned by the same f-string.
        func child(_ kind: Kind) -> FStringFrame {
            FStringFrame(kind: kind, quote: quote, isTriple: isTriple, isRaw: isRaw)
        }

        /// The format spec begun by a `:` in this field.
        var spec: FStringFrame { child(.spec) }
    }
}

extension PythonLexer.Pass {
    /// Moves through the text of the innermost f-string or format spec until a
    /// replacement field opens, the spec or the f-string closes, or the input ends.
    mutating func scanFStringText() {
        let frame = frames[frames.count - 1]
        let isSpec = frame.kind == .spec
        let bytes = scanner.bytes
        var index = scanner.position
        while index < scanner.count {
            let byte = bytes[index]
            if byte == frame.quote {
                if !frame.isTriple || (scanner.byte(at: index + 1) == byte && scanner.byte(at: index + 2) == byte) {
                    scanner.position = index + (frame.isTriple ? 3 : 1)
                    closeInnermostFString()
                    return
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                index += escapeLength(at: index, in: frame)
            case UInt8(ascii: "{"):
                if !isSpec, scanner.byte(at: index + 1) == UInt8(ascii: "{") {
                    index += 2  // `{{` is a literal brace
                    continue
                }
                scanner.position = index + 1
                frames.append(frame.child(.field))
                return
            case UInt8(ascii: "}"):
                if isSpec {
                    // The spec ends, and with it the field it belongs to.
                    scanner.position = index + 1
                    frames.removeLast(2)
                    return
                }
                index += scanner.byte(at: index + 1) == UInt8(ascii: "}") ? 2 : 1
            case UInt8(ascii: "\n") where !frame.isTriple:
                // Left open at the end of a line: the f-string ends before the newline.
                scanner.position = index
                closeInnermostFString()
                return
            default:
                index += 1
            }
        }
        scanner.position = scanner.count
    }

    /// How many bytes the backslash at `offset` covers in f-string text.
    ///
    /// A backslash before a brace leaves the brace to be read as a brace (in a raw
    /// f-string `\{x}` holds a field); `\N{BULLET}` names a character and is no
    /// field, so it runs to its `}`, but never past a quote or the line's end.
    private func escapeLength(at offset: Int, in frame: PythonLexer.FStringFrame) -> Int {
        let next = scanner.byte(at: offset + 1)
        if next == UInt8(ascii: "{") || next == UInt8(ascii: "}") {
            return 1
        }
        guard !frame.isRaw, next == UInt8(ascii: "N"), scanner.byte(at: offset + 2) == UInt8(ascii: "{") else {
            return scanner.escapeLength(at: offset)
        }
        var index = offset + 3
        while index < scanner.count {
            let byte = scanner.bytes[index]
            if byte == UInt8(ascii: "}") { return index + 1 - offset }
            if byte == frame.quote || byte == UInt8(ascii: "\n") { break }
            index += 1
        }
        return index - offset
    }

    /// Pops the frames of the innermost f-string (its text, and any field and spec
    /// left open above it); emits the outermost one as a token when it was that.
    private mutating func closeInnermostFString() {
        while let frame = frames.popLast(), frame.kind != .text {}
        if frames.isEmpty {
            scanner.closeEnclosingLiteral()
        }
    }
}
