/// Splits text into the pieces BPE runs on, as `tokenizer.json`'s `pre_tokenizer` declares.
///
/// Supported: `Digits` (each digit alone, or digit runs), `ByteLevel` with GPT-2's split
/// regex, and a `Sequence` of them applied in order. SantaCoder and StarCoder declare
/// `Sequence[Digits(individual_digits: true), ByteLevel(add_prefix_space: false)]`.
struct PreTokenizer: Sendable {
    /// One step of the sequence.
    enum Step: Sendable, Equatable {
        /// Isolates numeric scalars: each alone when `individual`, else each run.
        case digits(individual: Bool)
        /// GPT-2's regex split (when `useRegex`); the byte mapping itself happens after.
        case byteLevel(useRegex: Bool)
    }

    let steps: [Step]

    /// Reads the `pre_tokenizer` object of `tokenizer.json`.
    init(json: Any?) throws(BigCodeError) {
        var steps: [Step] = []
        try Self.collect(json, into: &steps)
        guard steps.contains(where: { if case .byteLevel = $0 { true } else { false } }) else {
            throw .unsupportedTokenizer(reason: "the pre_tokenizer has no ByteLevel step; only byte-level BPE is supported")
        }
        self.steps = steps
    }

    private static func collect(_ json: Any?, into steps: inout [Step]) throws(BigCodeError) {
        guard let object = json as? [String: Any], let type = object["type"] as? String else {
            throw .unsupportedTokenizer(reason: "pre_tokenizer is missing")
        }
        switch type {
        case "Sequence":
            for child in object["pretokenizers"] as? [Any] ?? [] { try collect(child, into: &steps) }
        case "Digits":
            steps.append(.digits(individual: object["individual_digits"] as? Bool ?? false))
        case "ByteLevel":
            if object["add_prefix_space"] as? Bool == true {
                throw .unsupportedTokenizer(reason: "ByteLevel add_prefix_space true is not supported")
            }
            steps.append(.byteLevel(useRegex: object["use_regex"] as? Bool ?? true))
        default:
            throw .unsupportedTokenizer(reason: "pre_tokenizer type \(type) is not supported")
        }
    }

    /// The pieces of `text`, as consecutive ranges that cover it.
    func split(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        var pieces = text.isEmpty ? [] : [0..<text.count]
        for step in steps {
            var next: [Range<Int>] = []
            for piece in pieces {
                switch step {
                case .digits(let individual):
                    Self.splitDigits(text, piece, individual: individual, into: &next)
                case .byteLevel(let useRegex):
                    if useRegex { GPT2Split.split(text, piece, into: &next) } else { next.append(piece) }
                }
            }
            pieces = next
        }
        return pieces
    }

    /// `Digits`: numeric scalars (Rust's `char::is_numeric`: Nd, Nl, No) isolated from the rest.
    private static func splitDigits(_ text: [Unicode.Scalar], _ piece: Range<Int>, individual: Bool, into pieces: inout [Range<Int>]) {
        var start = piece.lowerBound
        var index = piece.lowerBound
        while index < piece.upperBound {
            guard GPT2Split.isNumber(text[index]) else {
                index += 1
                continue
            }
            if start < index { pieces.append(start..<index) }
            var end = index + 1
            if !individual {
                while end < piece.upperBound && GPT2Split.isNumber(text[end]) { end += 1 }
            }
            pieces.append(index..<end)
            index = end
            start = end
        }
        if start < piece.upperBound { pieces.append(start..<piece.upperBound) }
    }
}
