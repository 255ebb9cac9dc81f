/// Everything that can go wrong while loading or running a GPT-BigCode checkpoint.
///
/// Each case carries the context a person needs to fix it (file, tensor name,
/// expected and actual shape or dtype), and ``hint`` says what to do next, in
/// the manner of llm.c's `---> HINT:` lines.
public enum BigCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file the checkpoint needs is not in the folder.
    case missingFile(path: String)
    /// A file exists but could not be read or parsed.
    case malformedFile(path: String, reason: String)
    /// `config.json` lacks a key or holds a value the runtime cannot use.
    case unsupportedConfig(key: String, reason: String)
    /// A tensor the model needs is in no shard.
    case missingTensor(name: String)
    /// A tensor has the wrong shape for the config.
    case shapeMismatch(tensor: String, expected: [Int], actual: [Int])
    /// A tensor is stored in a dtype the runtime does not convert.
    case unsupportedDType(tensor: String, dtype: String)
    /// The tokenizer file declares something this BPE tokenizer does not implement.
    case unsupportedTokenizer(reason: String)
    /// A token id is outside the vocabulary.
    case tokenOutOfRange(id: Int, vocabularySize: Int)
    /// The prompt plus the tokens to generate do not fit in the context window.
    case contextOverflow(tokens: Int, contextLength: Int)
    /// A fill-in-the-middle prompt was asked of a tokenizer with no FIM special tokens.
    case noInfillTokens

    /// The summary and, on a second line, the hint.
    public var description: String {
        "\(summary)\n---> HINT: \(hint)"
    }

    /// One line naming the problem and its context.
    public var summary: String {
        switch self {
        case .missingFile(let path):
            "checkpoint file \(path) is missing"
        case .malformedFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unsupportedConfig(let key, let reason):
            "config.json key \"\(key)\": \(reason)"
        case .missingTensor(let name):
            "tensor \(name) is missing from the checkpoint"
        case .shapeMismatch(let tensor, let expected, let actual):
            "tensor \(tensor) has shape \(actual), expected \(expected)"
        case .unsupportedDType(let tensor, let dtype):
            "tensor \(tensor) has dtype \(dtype); only F32, F16 and BF16 weights are read"
        case .unsupportedTokenizer(let reason):
            "tokenizer.json: \(reason)"
        case .tokenOutOfRange(let id, let vocabularySize):
            "token id \(id) is outside the vocabulary of \(vocabularySize)"
        case .contextOverflow(let tokens, let contextLength):
            "\(tokens) tokens do not fit the context window of \(contextLength)"
        case .noInfillTokens:
            "the tokenizer has no fill-in-the-middle special tokens"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .missingFile:
            "pass the folder of a Hugging Face GPT-BigCode checkpoint (config.json, model.safetensors "
                + "or model.safetensors.index.json with its shards, tokenizer.json); convert .bin weights to safetensors first"
        case .malformedFile:
            "the file may be truncated or a Git LFS pointer; download it again"
        case .unsupportedConfig:
            "this runtime reads GPT-BigCode configs (model_type gpt_bigcode, or SantaCoder's gpt2 with multiquery attention)"
        case .missingTensor:
            "the checkpoint is not a GPT-BigCode model, or a shard is missing; check model.safetensors.index.json"
        case .shapeMismatch:
            "config.json does not describe these weights (n_embd, n_head, n_inner, vocab_size, multi_query)"
        case .unsupportedDType:
            "convert the checkpoint to float32, float16 or bfloat16 safetensors"
        case .unsupportedTokenizer:
            "use a byte-level BPE tokenizer.json as SantaCoder and StarCoder ship it"
        case .tokenOutOfRange:
            "the tokenizer and the model do not belong together"
        case .contextOverflow:
            "shorten the prompt or ask for fewer new tokens"
        case .noInfillTokens:
            "use a SantaCoder (<fim-prefix>) or StarCoder (<fim_prefix>) tokenizer, or drop the suffix"
        }
    }
}
