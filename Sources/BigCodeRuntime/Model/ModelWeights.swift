// Legend: V vocabulary rows, P positions, C embedding channels.

/// All the weights of a GPT-BigCode model in the converted `gpt_bigcode` layout: matrices in
/// a ``WeightPrecision``, vectors and position embeddings in fp32.
public struct ModelWeights: Sendable {
    /// `transformer.wte.weight`, [V, C].
    public var tokenEmbedding: WeightMatrix
    /// `transformer.wpe.weight`, [P, C].
    public var positionEmbedding: [Float]
    /// `transformer.h.0` … `transformer.h.{n_layer-1}`.
    public var layers: [LayerWeights]
    /// `transformer.ln_f.weight`, [C].
    public var finalNormWeight: [Float]
    /// `transformer.ln_f.bias`, [C].
    public var finalNormBias: [Float]
    /// `lm_head.weight`, [V, C]; shares `tokenEmbedding`'s storage when tied.
    public var outputEmbedding: WeightMatrix

    /// The precision of the matrices.
    public var precision: WeightPrecision { outputEmbedding.precision }

    /// Bytes the weights take in memory, a tied embedding counted once.
    public var byteCount: Int {
        let matrices = layers.reduce(0) { total, layer in
            total + layer.qkvWeight.byteCount + layer.attentionOutputWeight.byteCount
                + layer.mlpUpWeight.byteCount + layer.mlpDownWeight.byteCount
        }
        let head = tokenEmbedding == outputEmbedding ? 0 : outputEmbedding.byteCount
        return matrices + tokenEmbedding.byteCount + head + positionEmbedding.count * 4
    }

    /// Builds the model's weights from tensors already in the shapes above.
    public init(
        tokenEmbedding: WeightMatrix, positionEmbedding: [Float], layers: [LayerWeights],
        finalNormWeight: [Float], finalNormBias: [Float], outputEmbedding: WeightMatrix
    ) {
        self.tokenEmbedding = tokenEmbedding
        self.positionEmbedding = positionEmbedding
        self.layers = layers
        self.finalNormWeight = finalNormWeight
        self.finalNormBias = finalNormBias
        self.outputEmbedding = outputEmbedding
    }
}
