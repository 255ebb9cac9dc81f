/// The fill-in-the-middle prompt of a tokenizer: `PREFIX-TOKEN prefix SUFFIX-TOKEN suffix MIDDLE-TOKEN`,
/// after which the model writes the middle and ends with end-of-text.
public struct InfillFormat: Sendable, Equatable {
    /// The special token that opens the prefix.
    public var prefixToken: String
    /// The special token that opens the suffix.
    public var suffixToken: String
    /// The special token after which the model writes the middle.
    public var middleToken: String

    /// SantaCoder's hyphenated tokens.
    public static let santaCoder = InfillFormat(prefixToken: "<fim-prefix>", suffixToken: "<fim-suffix>", middleToken: "<fim-middle>")
    /// StarCoder's underscored tokens.
    public static let starCoder = InfillFormat(prefixToken: "<fim_prefix>", suffixToken: "<fim_suffix>", middleToken: "<fim_middle>")

    /// The format whose three tokens are all added tokens of `tokenizer`, if any.
    public static func detect(in tokenizer: BPETokenizer) -> InfillFormat? {
        [santaCoder, starCoder].first { format in
            [format.prefixToken, format.suffixToken, format.middleToken].allSatisfy { tokenizer.addedTokens[$0] != nil }
        }
    }

    /// The prompt ids for `prefix` and `suffix`: the same ids as encoding the joined prompt text,
    /// since added tokens split the text before BPE anyway.
    public func promptIDs(prefix: String, suffix: String, tokenizer: BPETokenizer) -> [Int] {
        [tokenizer.addedTokens[prefixToken]!] + tokenizer.encode(prefix)
            + [tokenizer.addedTokens[suffixToken]!] + tokenizer.encode(suffix)
            + [tokenizer.addedTokens[middleToken]!]
    }
}
