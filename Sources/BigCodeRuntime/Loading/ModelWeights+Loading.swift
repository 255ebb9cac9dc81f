// Legend: V vocabulary rows, P positions, C embedding channels, H heads, D head size,
// K = G·D key (and value) channels, I inner MLP channels.

/// How a checkpoint stores its linear layers.
public enum WeightLayout: Sendable, Equatable {
    /// `GPTBigCodeForCausalLM`: `nn.Linear` weights `[out, in]`, fused `attn.c_attn`.
    case fusedLinear
    /// The original SantaCoder (`GPT2LMHeadCustomModel`): GPT-2 `Conv1D` weights `[in, out]`,
    /// separate `attn.q_attn` and `attn.kv_attn`.
    case splitConv1D
}

extension ModelWeights {
    /// The layout of `tensors`: split `Conv1D` when layer 0 has a `q_attn`, else fused `Linear`.
    public static func layout(of tensors: CheckpointTensors) -> WeightLayout {
        TensorNamer(tensors).contains("h.0.attn.q_attn.weight") ? .splitConv1D : .fusedLinear
    }

    /// Reads every weight `config` calls for from `tensors`, converting to fp32 and to the
    /// fused `[out, in]` layout once, then packing each matrix into `precision` before reading the
    /// next. Tensors the model does not use (causal-mask buffers) are ignored.
    public init(config: BigCodeConfig, tensors: CheckpointTensors, precision: WeightPrecision = .float32) throws(BigCodeError) {
        let namer = TensorNamer(tensors)
        let (v, p, c) = (config.vocabularySize, config.contextLength, config.embeddingSize)
        let layout = Self.layout(of: tensors)
        func matrix(_ floats: [Float]) -> WeightMatrix {
            WeightMatrix(floats: floats, rows: v, columns: c, precision: precision)
        }
        var embedding: WeightMatrix
        var head: WeightMatrix
        switch (namer.contains("wte.weight"), tensors.contains("lm_head.weight")) {
        case (true, true):
            embedding = matrix(try namer.floats("wte.weight", [v, c]))
            head = config.tieWordEmbeddings ? embedding : matrix(try tensors.floats("lm_head.weight", shape: [v, c]))
        case (true, false):
            embedding = matrix(try namer.floats("wte.weight", [v, c]))
            head = embedding
        case (false, true):
            head = matrix(try tensors.floats("lm_head.weight", shape: [v, c]))
            embedding = head
        case (false, false):
            throw .missingTensor(name: "transformer.wte.weight")
        }
        var layers: [LayerWeights] = []
        for index in 0..<config.layerCount {
            layers.append(try Self.layer(index, config: config, layout: layout, namer: namer, precision: precision))
        }
        self.init(
            tokenEmbedding: embedding,
            positionEmbedding: try namer.floats("wpe.weight", [p, c]),
            layers: layers,
            finalNormWeight: try namer.floats("ln_f.weight", [c]),
            finalNormBias: try namer.floats("ln_f.bias", [c]),
            outputEmbedding: head)
    }

    private static func layer(
        _ index: Int, config: BigCodeConfig, layout: WeightLayout, namer: TensorNamer, precision: WeightPrecision
    ) throws(BigCodeError) -> LayerWeights {
        let (c, k, i) = (config.embeddingSize, config.keyValueSize, config.innerSize)
        let prefix = "h.\(index)."
        /// A linear layer's weight as `[out, in]`, whichever way the checkpoint stores it.
        func linear(_ name: String, out: Int, in: Int) throws(BigCodeError) -> [Float] {
            switch layout {
            case .fusedLinear:
                return try namer.floats(prefix + name, [out, `in`])
            case .splitConv1D:
                let stored = try namer.floats(prefix + name, [`in`, out])
                var transposed = [Float](repeating: 0, count: stored.count)
                MatMul.transpose(&transposed, stored, rows: `in`, columns: out)
                return transposed
            }
        }
        func vector(_ name: String, _ count: Int) throws(BigCodeError) -> [Float] {
            try namer.floats(prefix + name, [count])
        }
        var qkvWeight: [Float]
        var qkvBias: [Float]
        switch layout {
        case .fusedLinear:
            qkvWeight = try linear("attn.c_attn.weight", out: c + 2 * k, in: c)
            qkvBias = try vector("attn.c_attn.bias", c + 2 * k)
            if !config.multiQuery {
                qkvWeight = Self.deinterleaveHeads(qkvWeight, heads: config.headCount, headSize: config.headSize, width: c)
                qkvBias = Self.deinterleaveHeads(qkvBias, heads: config.headCount, headSize: config.headSize, width: 1)
            }
        case .splitConv1D:
            qkvWeight = try linear("attn.q_attn.weight", out: c, in: c) + linear("attn.kv_attn.weight", out: 2 * k, in: c)
            qkvBias = try vector("attn.q_attn.bias", c) + vector("attn.kv_attn.bias", 2 * k)
        }
        func packed(_ floats: [Float], out: Int, in: Int) -> WeightMatrix {
            WeightMatrix(floats: floats, rows: out, columns: `in`, precision: precision)
        }
        return LayerWeights(
            attentionNormWeight: try vector("ln_1.weight", c),
            attentionNormBias: try vector("ln_1.bias", c),
            qkvWeight: packed(qkvWeight, out: c + 2 * k, in: c),
            qkvBias: qkvBias,
            attentionOutputWeight: packed(try linear("attn.c_proj.weight", out: c, in: c), out: c, in: c),
            attentionOutputBias: try vector("attn.c_proj.bias", c),
            mlpNormWeight: try vector("ln_2.weight", c),
            mlpNormBias: try vector("ln_2.bias", c),
            mlpUpWeight: packed(try linear("mlp.c_fc.weight", out: i, in: c), out: i, in: c),
            mlpUpBias: try vector("mlp.c_fc.bias", i),
            mlpDownWeight: packed(try linear("mlp.c_proj.weight", out: c, in: i), out: c, in: i),
            mlpDownBias: try vector("mlp.c_proj.bias", c))
    }

    /// Multi-head `c_attn` rows come per head as `[q_h | k_h | v_h]` (transformers views them as
    /// `(H, 3·D)`); this reorders them to `[Q all heads | K | V]` so `forward` has one layout.
    static func deinterleaveHeads(_ rows: [Float], heads: Int, headSize: Int, width: Int) -> [Float] {
        var out = [Float](repeating: 0, count: rows.count)
        let block = headSize * width
        for head in 0..<heads {
            for part in 0..<3 {
                let source = (head * 3 + part) * block
                let destination = (part * heads + head) * block
                out.replaceSubrange(destination..<(destination + block), with: rows[source..<(source + block)])
            }
        }
        return out
    }
}

/// Finds tensors whether or not the checkpoint prefixes them with `transformer.`
/// (a bare `GPTBigCodeModel` saves `h.0…`, a causal LM `transformer.h.0…`).
struct TensorNamer {
    let tensors: CheckpointTensors

    init(_ tensors: CheckpointTensors) { self.tensors = tensors }

    func resolve(_ name: String) -> String {
        let prefixed = "transformer." + name
        return tensors.contains(prefixed) || !tensors.contains(name) ? prefixed : name
    }

    func contains(_ name: String) -> Bool { tensors.contains(resolve(name)) }

    func floats(_ name: String, _ shape: [Int]) throws(BigCodeError) -> [Float] {
        try tensors.floats(resolve(name), shape: shape)
    }
}
