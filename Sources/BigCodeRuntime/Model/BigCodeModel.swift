import Foundation

// Legend: T tokens in this call, P tokens already cached, V vocabulary rows, C embedding
// channels, H heads, D head size, K = G·D key/value channels, I inner MLP channels.

/// A GPT-BigCode decoder (SantaCoder, StarCoder) computing in fp32 on OpenBLAS, its weight
/// matrices kept in fp32, bf16 or int8.
///
/// ```swift
/// let model = try BigCodeModel(folder: checkpoint)
/// var cache = model.makeCache()
/// let logits = try model.forward([12, 345, 6], cache: &cache)  // [V] for the last token
/// ```
public struct BigCodeModel: Sendable {
    /// The hyperparameters.
    public let config: BigCodeConfig
    /// The weights, fused `[out, in]` layout, matrices in ``ModelWeights/precision``.
    public let weights: ModelWeights

    /// A model from weights already in memory.
    public init(config: BigCodeConfig, weights: ModelWeights) {
        precondition(weights.layers.count == config.layerCount, "BigCodeModel: \(weights.layers.count) layers for a \(config.layerCount)-layer config")
        self.config = config
        self.weights = weights
    }

    /// Loads `config.json` and the safetensors weights of a checkpoint folder, in either layout,
    /// keeping the matrices in `precision` (fp32 by default; bf16 or int8 for faster decoding).
    public init(folder: URL, precision: WeightPrecision = .float32) throws(BigCodeError) {
        let config = try BigCodeConfig(contentsOf: folder.appendingPathComponent("config.json"))
        let tensors = try CheckpointTensors(folder: folder)
        self.init(config: config, weights: try ModelWeights(config: config, tensors: tensors, precision: precision))
    }

    /// An empty cache for this model, holding up to `capacity` tokens (the context length by default).
    public func makeCache(capacity: Int? = nil) -> KVCache {
        KVCache(
            layers: config.layerCount, keyValueSize: config.keyValueSize,
            capacity: min(capacity ?? config.contextLength, config.contextLength))
    }

    /// Runs `ids` through the model in one batched pass after the tokens already in `cache`,
    /// appending their keys and values to it.
    ///
    /// - Returns: the logits of the last token, `[V]`; or with `allPositions`, of every token, `[T, V]`.
    public func forward(_ ids: [Int], cache: inout KVCache, allPositions: Bool = false) throws(BigCodeError) -> [Float] {
        let (t, p) = (ids.count, cache.count)
        let (v, c, k, i) = (config.vocabularySize, config.embeddingSize, config.keyValueSize, config.innerSize)
        let qkvWidth = c + 2 * k
        precondition(t > 0, "BigCodeModel.forward: no tokens")
        guard p + t <= cache.capacity else { throw .contextOverflow(tokens: p + t, contextLength: cache.capacity) }
        if let bad = ids.first(where: { $0 < 0 || $0 >= v }) { throw .tokenOutOfRange(id: bad, vocabularySize: v) }
        let shape = Attention.Shape(
            tokens: t, past: p, heads: config.headCount, keyValueHeads: config.keyValueHeadCount, headSize: config.headSize)
        let scale: Float = config.scaleAttentionWeights ? 1 / Float(config.headSize).squareRoot() : 1
        let epsilon = config.layerNormEpsilon

        var x = [Float](repeating: 0, count: t * c)  // residual stream [T, C]
        var normed = [Float](repeating: 0, count: t * c)  // [T, C]
        var qkv = [Float](repeating: 0, count: t * qkvWidth)  // [T, C + 2K]
        var attended = [Float](repeating: 0, count: t * c)  // [T, C]
        var projected = [Float](repeating: 0, count: t * c)  // [T, C]
        var inner = [Float](repeating: 0, count: t * i)  // [T, I]

        Elementwise.embed(
            &x, ids: ids, firstPosition: p, tokenTable: weights.tokenEmbedding,
            positionTable: weights.positionEmbedding, channels: c)
        for (index, layer) in weights.layers.enumerated() {
            // attention
            LayerNorm.forward(
                &normed, x, weight: layer.attentionNormWeight, bias: layer.attentionNormBias,
                rows: t, channels: c, epsilon: epsilon)
            MatMul.linear(&qkv, normed, weight: layer.qkvWeight, bias: layer.qkvBias, rows: t)
            Elementwise.copyRows(&cache.keys[index], destinationRow: p, from: qkv, sourceOffset: c, sourceStride: qkvWidth, rows: t, width: k)
            Elementwise.copyRows(&cache.values[index], destinationRow: p, from: qkv, sourceOffset: c + k, sourceStride: qkvWidth, rows: t, width: k)
            Attention.forward(
                &attended, query: qkv, queryRowStride: qkvWidth, keys: cache.keys[index], values: cache.values[index],
                shape: shape, scale: scale)
            MatMul.linear(&projected, attended, weight: layer.attentionOutputWeight, bias: layer.attentionOutputBias, rows: t)
            Elementwise.addResidual(&x, projected, count: t * c)

            // MLP
            LayerNorm.forward(&normed, x, weight: layer.mlpNormWeight, bias: layer.mlpNormBias, rows: t, channels: c, epsilon: epsilon)
            MatMul.linear(&inner, normed, weight: layer.mlpUpWeight, bias: layer.mlpUpBias, rows: t)
            switch config.activation {
            case .geluTanh: GELU.tanhApproximation(&inner, count: t * i)
            case .geluExact: GELU.exact(&inner, count: t * i)
            }
            MatMul.linear(&projected, inner, weight: layer.mlpDownWeight, bias: layer.mlpDownBias, rows: t)
            Elementwise.addResidual(&x, projected, count: t * c)
        }
        cache.count = p + t

        // final LayerNorm and the tied LM head, on the rows the caller wants
        let rows = allPositions ? t : 1
        let last = allPositions ? x : Array(x[((t - 1) * c)..<(t * c)])
        LayerNorm.forward(&normed, last, weight: weights.finalNormWeight, bias: weights.finalNormBias, rows: rows, channels: c, epsilon: epsilon)
        var logits = [Float](repeating: 0, count: rows * v)
        MatMul.linear(&logits, normed, weight: weights.outputEmbedding, bias: nil, rows: rows)
        return logits
    }
}
