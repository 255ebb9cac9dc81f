extension ModelWeights {
    /// Random weights for `config`, for benchmarks on a full-size model without a checkpoint:
    /// matrices uniform with standard deviation `scale` (packed into `precision` one at a time, so
    /// memory peaks at the packed size), LayerNorm weights 1, biases 0.
    public static func random(
        config: BigCodeConfig, seed: UInt64 = 0, scale: Float = 0.02, precision: WeightPrecision = .float32
    ) -> ModelWeights {
        var random = TokenSampler.SplitMix64(seed: seed)
        let bound = scale * Float(3).squareRoot()  // uniform on [-b, b] has standard deviation b/√3
        func floats(_ count: Int) -> [Float] {
            (0..<count).map { _ in (random.nextUnitFloat() * 2 - 1) * bound }
        }
        func matrix(_ rows: Int, _ columns: Int) -> WeightMatrix {
            WeightMatrix(floats: floats(rows * columns), rows: rows, columns: columns, precision: precision)
        }
        let (c, k, i) = (config.embeddingSize, config.keyValueSize, config.innerSize)
        let ones = [Float](repeating: 1, count: c)
        let zeros = [Float](repeating: 0, count: c)
        let layers = (0..<config.layerCount).map { _ in
            LayerWeights(
                attentionNormWeight: ones, attentionNormBias: zeros,
                qkvWeight: matrix(c + 2 * k, c), qkvBias: [Float](repeating: 0, count: c + 2 * k),
                attentionOutputWeight: matrix(c, c), attentionOutputBias: zeros,
                mlpNormWeight: ones, mlpNormBias: zeros,
                mlpUpWeight: matrix(i, c), mlpUpBias: [Float](repeating: 0, count: i),
                mlpDownWeight: matrix(c, i), mlpDownBias: zeros)
        }
        let embedding = matrix(config.vocabularySize, c)
        return ModelWeights(
            tokenEmbedding: embedding, positionEmbedding: floats(config.contextLength * c), layers: layers,
            finalNormWeight: ones, finalNormBias: zeros, outputEmbedding: embedding)
    }
}
