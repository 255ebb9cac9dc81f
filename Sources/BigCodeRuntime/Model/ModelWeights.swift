// Legend: V vocabulary rows, P positions, C embedding channels.

/// All the weights of a GPT-BigCode model, in fp32, in the converted `gpt_bigcode` layout.
public struct ModelWeights: Sendable {
    public var tokenEmbedding: [Float]  // transformer.wte.weight [V, C]
    public var positionEmbedding: [Float]  // transformer.wpe.weight [P, C]
    public var layers: [LayerWeights]  // transformer.h.0 ... h.{n_layer-1}
    public var finalNormWeight: [Float]  // transformer.ln_f.weight [C]
    public var finalNormBias: [Float]  // transformer.ln_f.bias [C]
    public var outputEmbedding: [Float]  // lm_head.weight [V, C]; shares wte's storage when tied

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
