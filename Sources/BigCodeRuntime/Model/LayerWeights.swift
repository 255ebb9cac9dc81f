// Legend: C embedding channels, K = G·D key (and value) channels, I inner MLP channels.
// Every matrix is row-major [out, in], as PyTorch's nn.Linear stores it, in the model's
// WeightPrecision; vectors stay fp32.

/// The weights of one pre-LayerNorm transformer block.
public struct LayerWeights: Sendable {
    /// `ln_1.weight`, [C].
    public var attentionNormWeight: [Float]
    /// `ln_1.bias`, [C].
    public var attentionNormBias: [Float]
    /// `attn.c_attn.weight`, [C + 2K, C]: rows Q (head by head), then K, then V.
    public var qkvWeight: WeightMatrix
    /// `attn.c_attn.bias`, [C + 2K].
    public var qkvBias: [Float]
    /// `attn.c_proj.weight`, [C, C].
    public var attentionOutputWeight: WeightMatrix
    /// `attn.c_proj.bias`, [C].
    public var attentionOutputBias: [Float]
    /// `ln_2.weight`, [C].
    public var mlpNormWeight: [Float]
    /// `ln_2.bias`, [C].
    public var mlpNormBias: [Float]
    /// `mlp.c_fc.weight`, [I, C].
    public var mlpUpWeight: WeightMatrix
    /// `mlp.c_fc.bias`, [I].
    public var mlpUpBias: [Float]
    /// `mlp.c_proj.weight`, [C, I].
    public var mlpDownWeight: WeightMatrix
    /// `mlp.c_proj.bias`, [C].
    public var mlpDownBias: [Float]

    /// Builds a block from its tensors, already in the shapes above.
    public init(
        attentionNormWeight: [Float], attentionNormBias: [Float], qkvWeight: WeightMatrix, qkvBias: [Float],
        attentionOutputWeight: WeightMatrix, attentionOutputBias: [Float], mlpNormWeight: [Float], mlpNormBias: [Float],
        mlpUpWeight: WeightMatrix, mlpUpBias: [Float], mlpDownWeight: WeightMatrix, mlpDownBias: [Float]
    ) {
        self.attentionNormWeight = attentionNormWeight
        self.attentionNormBias = attentionNormBias
        self.qkvWeight = qkvWeight
        self.qkvBias = qkvBias
        self.attentionOutputWeight = attentionOutputWeight
        self.attentionOutputBias = attentionOutputBias
        self.mlpNormWeight = mlpNormWeight
        self.mlpNormBias = mlpNormBias
        self.mlpUpWeight = mlpUpWeight
        self.mlpUpBias = mlpUpBias
        self.mlpDownWeight = mlpDownWeight
        self.mlpDownBias = mlpDownBias
    }
}
