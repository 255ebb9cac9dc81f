import Foundation

/// The hyperparameters of a GPT-BigCode model, read from `config.json`.
///
/// Example values are SantaCoder's (`bigcode/gpt_bigcode-santacoder`).
public struct BigCodeConfig: Sendable, Equatable {
    /// The activation between the two MLP projections.
    public enum Activation: String, Sendable {
        /// `gelu_pytorch_tanh`, `gelu_fast`, `gelu_new`: the tanh approximation.
        case geluTanh
        /// `gelu`: the exact erf form.
        case geluExact
    }

    /// Rows of the embedding and the LM head, `vocab_size`: 49280 (49157 tokens padded to a multiple of 128).
    public var vocabularySize: Int
    /// Positions the model has embeddings for, `n_positions`: 2048.
    public var contextLength: Int
    /// Channels of the residual stream (C), `n_embd`: 2048.
    public var embeddingSize: Int
    /// Query heads (H), `n_head`: 16.
    public var headCount: Int
    /// Transformer blocks, `n_layer`: 24.
    public var layerCount: Int
    /// Channels of the MLP (I), `n_inner`: 8192 (4·C when null).
    public var innerSize: Int
    /// One key/value head shared by all query heads, `multi_query`: true.
    public var multiQuery: Bool
    /// LayerNorm epsilon, `layer_norm_epsilon`: 1e-5.
    public var layerNormEpsilon: Float
    /// The MLP activation, `activation_function`: `gelu_pytorch_tanh` (.geluTanh).
    public var activation: Activation
    /// Whether scores are divided by √D, `scale_attn_weights`: true.
    public var scaleAttentionWeights: Bool
    /// Whether the LM head is the token embedding, `tie_word_embeddings`: true (the default).
    public var tieWordEmbeddings: Bool
    /// `bos_token_id`: 49152; prefer the tokenizer's own ids.
    public var bosTokenID: Int?
    /// `eos_token_id`: 49152; prefer the tokenizer's own ids.
    public var eosTokenID: Int?

    /// Channels per head (D): 128 for SantaCoder.
    public var headSize: Int { embeddingSize / headCount }
    /// Key/value heads (G): 1 with multi-query attention, else one per query head.
    public var keyValueHeadCount: Int { multiQuery ? 1 : headCount }
    /// Channels of the key (and of the value) per token: G·D, 128 for SantaCoder.
    public var keyValueSize: Int { keyValueHeadCount * headSize }

    /// Builds a config from its values; `innerSize` defaults to 4·C.
    public init(
        vocabularySize: Int, contextLength: Int, embeddingSize: Int, headCount: Int, layerCount: Int,
        innerSize: Int? = nil, multiQuery: Bool = true, layerNormEpsilon: Float = 1e-5,
        activation: Activation = .geluTanh, scaleAttentionWeights: Bool = true,
        tieWordEmbeddings: Bool = true, bosTokenID: Int? = nil, eosTokenID: Int? = nil
    ) {
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.embeddingSize = embeddingSize
        self.headCount = headCount
        self.layerCount = layerCount
        self.innerSize = innerSize ?? 4 * embeddingSize
        self.multiQuery = multiQuery
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
        self.scaleAttentionWeights = scaleAttentionWeights
        self.tieWordEmbeddings = tieWordEmbeddings
        self.bosTokenID = bosTokenID
        self.eosTokenID = eosTokenID
    }

    /// SantaCoder's full config: 1.1B parameters, for benchmarks on random weights.
    public static let santaCoder = BigCodeConfig(
        vocabularySize: 49280, contextLength: 2048, embeddingSize: 2048, headCount: 16, layerCount: 24,
        innerSize: 8192, bosTokenID: 49152, eosTokenID: 49152)

    /// Reads `config.json` of a `gpt_bigcode` checkpoint or of the original SantaCoder (`gpt2` with
    /// `attention_head_type: multiquery`).
    public init(contentsOf url: URL) throws(BigCodeError) {
        guard let data = try? Data(contentsOf: url) else { throw .missingFile(path: url.lastPathComponent) }
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            throw .malformedFile(path: url.lastPathComponent, reason: "not a JSON object")
        }
        try self.init(json: json)
    }

    /// Reads the keys of a parsed `config.json`.
    public init(json: [String: Any]) throws(BigCodeError) {
        func integer(_ key: String) throws(BigCodeError) -> Int {
            guard let value = json[key] as? Int else { throw .unsupportedConfig(key: key, reason: "missing or not an integer") }
            return value
        }
        func optionalInteger(_ key: String) -> Int? { json[key] as? Int }

        let multiQuery: Bool
        if let flag = json["multi_query"] as? Bool {
            multiQuery = flag
        } else if let headType = json["attention_head_type"] as? String {
            guard headType == "multiquery" || headType == "multihead" else {
                throw .unsupportedConfig(key: "attention_head_type", reason: "\"\(headType)\" is not multiquery or multihead")
            }
            multiQuery = headType == "multiquery"
        } else {
            multiQuery = true  // GPTBigCodeConfig's default
        }
        let activation: Activation
        switch json["activation_function"] as? String ?? "gelu_pytorch_tanh" {
        case "gelu_pytorch_tanh", "gelu_fast", "gelu_new": activation = .geluTanh
        case "gelu": activation = .geluExact
        case let other: throw .unsupportedConfig(key: "activation_function", reason: "\"\(other)\" is not a GELU")
        }
        self.init(
            vocabularySize: try integer("vocab_size"),
            contextLength: try integer("n_positions"),
            embeddingSize: try integer("n_embd"),
            headCount: try integer("n_head"),
            layerCount: try integer("n_layer"),
            innerSize: optionalInteger("n_inner"),
            multiQuery: multiQuery,
            layerNormEpsilon: Float((json["layer_norm_epsilon"] as? Double) ?? 1e-5),
            activation: activation,
            scaleAttentionWeights: json["scale_attn_weights"] as? Bool ?? true,
            tieWordEmbeddings: json["tie_word_embeddings"] as? Bool ?? true,
            bosTokenID: optionalInteger("bos_token_id"),
            eosTokenID: optionalInteger("eos_token_id"))
        guard embeddingSize % headCount == 0 else {
            throw .unsupportedConfig(key: "n_head", reason: "n_embd \(embeddingSize) is not a multiple of n_head \(headCount)")
        }
        if json["scale_attn_by_inverse_layer_idx"] as? Bool == true {
            throw .unsupportedConfig(key: "scale_attn_by_inverse_layer_idx", reason: "true is not supported")
        }
    }
}
