// Legend: V vocabulary rows, P positions, C embedding channels.

/// All the weights of a GPT-BigCode model, in fp32, in the converted `gpt_bigcode` layout.
public struct ModelWeights: Sendable {
    /// `transformer.wte.weight`, [V, C].
    public var tokenEmbedding: [Float]
    /// `transformer.wpe.weight`, [P, C].
    public var positionEmbedding: [Float]
    /// `transformer.h.0` … `transformer.h.{n_layer-1}`.
    public var layers: [LayerWeights]
    /// `transformer.ln_f.weight`, [C].
    public var finalNormWeight: [Float]
    /// `transformer.ln_f.bias`, [C].
    public var finalNormBias: [Float]
    /// `lm_head.weight`, [V, C]; shares `tokenEmbedding`'s storage when tied.
    public var outputEmbedding: [Float]

    /// Builds the model's weights from tensors already in the shapes above.
    public init(
        tokenEmbedding: [Float], positionEmbedding: [Float], layers: [LayerWeights],
        finalNormWeight: [Float], finalNormBias: [Float], outputEmbedding: [Float]
    ) {
        self.tokenEmbedding = tokenEmbedding
        self.positionEmbedding = positionEmbedding
        self.layers = layers
        self.finalNormWeight = finalNormWeight
        self.finalNormBias = finalNormBias
        self.outputEmbedding = outputEmbedding
    }
}
