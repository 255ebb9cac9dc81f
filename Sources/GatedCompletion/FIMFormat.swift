/// How a model family spells a fill-in-the-middle prompt: `PREFIX-TOKEN prefix SUFFIX-TOKEN suffix
/// MIDDLE-TOKEN`, after which the model writes the middle.
///
/// The token names are those of BigCodeRuntime's `InfillFormat` (SantaCoder hyphenates them,
/// StarCoder underscores them); this target formats text for a server's tokenizer instead of ids.
///
/// ```swift
/// FIMFormat.starCoder.format(prefix: "def add(a, b):\n", suffix: "\nprint(add(1, 2))\n")
/// // "<fim_prefix>def add(a, b):\n<fim_suffix>\nprint(add(1, 2))\n<fim_middle>"
/// ```
public enum FIMFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// SantaCoder: `<fim-prefix>…<fim-suffix>…<fim-middle>`.
    case santaCoder = "santacoder"
    /// StarCoder and StarCoder2: `<fim_prefix>…<fim_suffix>…<fim_middle>`.
    case starCoder = "starcoder"
    /// No special tokens: the prompt is sent as it is and the suffix, if any, as the OpenAI `suffix` field.
    case none

    /// The three special tokens, or nil for `.none`.
    public var tokens: (prefix: String, suffix: String, middle: String)? {
        switch self {
        case .santaCoder: ("<fim-prefix>", "<fim-suffix>", "<fim-middle>")
        case .starCoder: ("<fim_prefix>", "<fim_suffix>", "<fim_middle>")
        case .none: nil
        }
    }

    /// The prompt text for `prefix` and `suffix`. Without a suffix (nil) the prompt is the prefix
    /// alone: a plain left-to-right completion needs no special tokens.
    public func format(prefix: String, suffix: String?) -> String {
        guard let suffix, let tokens else { return prefix }
        return tokens.prefix + prefix + tokens.suffix + suffix + tokens.middle
    }
}
