import Foundation
import ProvenanceTestSupport
import Testing

@testable import BigCodeRuntime

/// The whole model against transformers' `GPTBigCodeForCausalLM` on the tiny random checkpoints.
@Suite struct ModelGoldenTests {
    /// fp32 against fp32: the stated tolerance for last-position logits.
    static let logitTolerance: Float = 1e-4

    @Test(arguments: Fixtures.modelNames)
    func lastLogitsMatchTransformers(model name: String) throws {
        let model = try BigCodeModel(folder: Fixtures.model(name))
        for prompt in Fixtures.goldens.models[name]! {
            var cache = model.makeCache()
            let logits = try model.forward(prompt.ids, cache: &cache)
            let comparison = TensorComparison(actual: logits, expected: prompt.lastLogits)
            print("\(name) «\(prompt.label.debugDescription)»: \(comparison)")
            #expect(comparison.isWithin(Self.logitTolerance), "\(name) \(prompt.label): \(comparison)")
        }
    }

    @Test(arguments: Fixtures.modelNames)
    func greedyContinuationsMatchTransformers(model name: String) throws {
        let model = try BigCodeModel(folder: Fixtures.model(name))
        for prompt in Fixtures.goldens.models[name]! {
            var cache = model.makeCache()
            var logits = try model.forward(prompt.ids, cache: &cache)
            var tokens: [Int] = []
            for _ in prompt.greedy {
                let next = logits.indices.max { logits[$0] < logits[$1] }!
                tokens.append(next)
                logits = try model.forward([next], cache: &cache)
            }
            #expect(tokens == prompt.greedy, "\(name) \(prompt.label)")
        }
    }

    @Test func batchedPrefillEqualsOneTokenAtATime() throws {
        let model = try BigCodeModel(folder: Fixtures.model("mha-fused-f32"))
        let ids = Fixtures.goldens.models["mha-fused-f32"]![0].ids
        var batched = model.makeCache()
        let all = try model.forward(ids, cache: &batched, allPositions: true)
        var stepwise = model.makeCache()
        for (position, id) in ids.enumerated() {
            let row = try model.forward([id], cache: &stepwise)
            let v = model.config.vocabularySize
            let comparison = TensorComparison(actual: row, expected: Array(all[(position * v)..<((position + 1) * v)]))
            #expect(comparison.isWithin(1e-5), "position \(position): \(comparison)")
        }
        #expect(batched.count == ids.count && stepwise.count == ids.count)
    }

    @Test func bothLayoutsLoadToTheSameWeights() throws {
        let fused = try BigCodeModel(folder: Fixtures.model("mqa-fused-f32"))
        let split = try BigCodeModel(folder: Fixtures.model("mqa-split-f32"))
        #expect(split.config.multiQuery && split.config.activation == .geluTanh)
        for (a, b) in zip(fused.weights.layers, split.weights.layers) {
            #expect(a.qkvWeight == b.qkvWeight && a.qkvBias == b.qkvBias)
            #expect(a.attentionOutputWeight == b.attentionOutputWeight)
            #expect(a.mlpUpWeight == b.mlpUpWeight && a.mlpDownWeight == b.mlpDownWeight)
        }
        #expect(fused.weights.tokenEmbedding == split.weights.outputEmbedding)
    }

    @Test func contextOverflowAndBadIdsThrow() throws {
        let model = try BigCodeModel(folder: Fixtures.model("mqa-fused-f32"))
        var cache = model.makeCache(capacity: 4)
        #expect(throws: BigCodeError.contextOverflow(tokens: 5, contextLength: 4)) {
            try model.forward([1, 2, 3, 4, 5], cache: &cache)
        }
        #expect(throws: BigCodeError.tokenOutOfRange(id: 448, vocabularySize: 448)) {
            try model.forward([448], cache: &cache)
        }
        #expect(cache.count == 0)
    }
}
