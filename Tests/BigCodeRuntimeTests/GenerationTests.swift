import Foundation
import ProvenanceTestSupport
import Testing

@testable import BigCodeRuntime

/// Sampling, stopping, fill-in-the-middle and streaming, on the tiny checkpoint with its tokenizer.
@Suite struct GenerationTests {
    static let generator = try! TextGenerator(folder: Fixtures.model("mqa-fused-f32"))
    static let greedyTokens = GenerationOptions(maxTokens: 12, stopAtEndOfText: false)

    @Test func fillInTheMiddlePromptMatchesTheGoldenIds() throws {
        let fim = Fixtures.goldens.fim
        #expect(Self.generator.infillFormat == .santaCoder)
        #expect(try Self.generator.promptIDs(prefix: fim.prefix, suffix: fim.suffix) == fim.ids)
    }

    @Test func starCoderTokensChooseTheStarCoderFormat() throws {
        let tokenizer = try BPETokenizer(contentsOf: Fixtures.folder.appendingPathComponent("tokenizer-starcoder.json"))
        #expect(InfillFormat.detect(in: tokenizer) == .starCoder)
        let ids = InfillFormat.starCoder.promptIDs(prefix: "a", suffix: "b", tokenizer: tokenizer)
        #expect(ids == tokenizer.encode("<fim_prefix>a<fim_suffix>b<fim_middle>"))
    }

    @Test func greedyGenerationMatchesTransformers() throws {
        for prompt in Fixtures.goldens.models["mqa-fused-f32"]! {
            let completion = try Self.generator.generate(promptIDs: prompt.ids, options: Self.greedyTokens)
            #expect(completion.tokenIDs == prompt.greedy, "\(prompt.label)")
            #expect(completion.finishReason == .maxTokens)
            #expect(completion.text == Self.generator.tokenizer.decode(prompt.greedy))
        }
    }

    @Test func endOfTextStopsAndIsNotEmitted() throws {
        let prompt = Fixtures.goldens.models["mqa-fused-f32"]![3]
        var generator = Self.generator
        generator.endOfTextIDs = [prompt.greedy[4]]
        let completion = try generator.generate(promptIDs: prompt.ids, options: GenerationOptions(maxTokens: 12))
        #expect(completion.tokenIDs == Array(prompt.greedy.prefix(4)))
        #expect(completion.finishReason == .endOfText)
    }

    @Test func stopSequenceTruncatesTheText() throws {
        let prompt = Fixtures.goldens.models["mqa-fused-f32"]![3]
        let full = Self.generator.tokenizer.decode(prompt.greedy)
        let stop = String(full.dropFirst(3).prefix(2))
        var options = Self.greedyTokens
        options.stopSequences = [stop]
        let completion = try Self.generator.generate(promptIDs: prompt.ids, options: options)
        #expect(completion.finishReason == .stopSequence)
        #expect(completion.text == String(full[..<full.range(of: stop)!.lowerBound]))
    }

    @Test func seededSamplingIsReproducible() throws {
        let ids = Fixtures.goldens.models["mqa-fused-f32"]![0].ids
        var options = GenerationOptions(maxTokens: 10, temperature: 1.5, topK: 50, topP: 0.95, seed: 7, stopAtEndOfText: false)
        let first = try Self.generator.generate(promptIDs: ids, options: options)
        let again = try Self.generator.generate(promptIDs: ids, options: options)
        options.seed = 8
        let other = try Self.generator.generate(promptIDs: ids, options: options)
        #expect(first == again)
        #expect(first.tokenIDs != other.tokenIDs)
        #expect(first.tokenIDs.allSatisfy { $0 < Self.generator.tokenizer.count })
    }

    @Test func samplerFrequenciesFollowTheDistribution() {
        let logits: [Float] = [2, 1, 0, -1, 0.5]
        var sampler = TokenSampler(options: GenerationOptions(temperature: 1, seed: 3))
        var counts = [Int](repeating: 0, count: logits.count)
        let draws = 20_000
        for _ in 0..<draws { counts[sampler.next(logits)] += 1 }
        let total = logits.map { exp(Double($0)) }.reduce(0, +)
        for (index, logit) in logits.enumerated() {
            let expected = exp(Double(logit)) / total
            #expect(abs(Double(counts[index]) / Double(draws) - expected) < 0.015, "token \(index)")
        }
    }

    @Test func topKAndTopPRestrictTheSupport() {
        let logits: [Float] = [2, 1, 0, -1, 0.5]
        var topK = TokenSampler(options: GenerationOptions(temperature: 1, topK: 2, seed: 1))
        var topP = TokenSampler(options: GenerationOptions(temperature: 1, topP: 0.5, seed: 1))
        var limited = TokenSampler(options: GenerationOptions(temperature: 1, seed: 1), sampledTokenLimit: 2)
        var seenK = Set<Int>(), seenP = Set<Int>(), seenLimited = Set<Int>()
        for _ in 0..<2000 {
            seenK.insert(topK.next(logits))
            seenP.insert(topP.next(logits))
            seenLimited.insert(limited.next(logits))
        }
        #expect(seenK == [0, 1])
        #expect(seenP == [0])  // p(0) = 0.53 already reaches 0.5
        #expect(seenLimited == [0, 1])
        var greedy = TokenSampler(options: GenerationOptions(temperature: 0))
        #expect(greedy.next(logits) == 0)
    }

    @Test func stopMatcherHoldsBackPossibleStopsAcrossChunks() {
        var matcher = StopSequenceMatcher(["\ndef", "END"])
        #expect(matcher.feed("x = 1\nd") == ("x = 1", false))
        #expect(matcher.feed("e") == ("", false))
        #expect(matcher.feed("x") == ("\ndex", false))
        #expect(matcher.feed("EN") == ("", false))
        #expect(matcher.feed("Dtail") == ("", true))
        var unfinished = StopSequenceMatcher(["END"])
        #expect(unfinished.feed("abcE") == ("abc", false))
        #expect(unfinished.flush() == "E")
    }

    @Test func streamYieldsTheSameTextAsGenerate() async throws {
        let prompt = Fixtures.goldens.models["mqa-fused-f32"]![3]
        var streamed = ""
        var ids: [Int] = []
        var reason: FinishReason?
        for try await token in Self.generator.stream(promptIDs: prompt.ids, options: Self.greedyTokens) {
            streamed += token.text
            if let id = token.id { ids.append(id) }
            if token.finishReason != nil { reason = token.finishReason }
        }
        let completion = try Self.generator.generate(promptIDs: prompt.ids, options: Self.greedyTokens)
        #expect(streamed == completion.text && ids == completion.tokenIDs && reason == .maxTokens)
    }

    @Test func loadErrorsNameTheProblemAndHint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bigcode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Fixtures.model("mqa-fused-f32")
        try FileManager.default.copyItem(at: source.appendingPathComponent("config.json"), to: folder.appendingPathComponent("config.json"))
        #expect(throws: BigCodeError.missingFile(path: "model.safetensors")) { try BigCodeModel(folder: folder) }

        // a config that disagrees with the weights names the tensor and both shapes
        var config = try JSONSerialization.jsonObject(with: Data(contentsOf: source.appendingPathComponent("config.json"))) as! [String: Any]
        config["n_inner"] = 64
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("config.json"))
        try FileManager.default.copyItem(at: source.appendingPathComponent("model.safetensors"), to: folder.appendingPathComponent("model.safetensors"))
        let error = BigCodeError.shapeMismatch(tensor: "transformer.h.0.mlp.c_fc.weight", expected: [64, 32], actual: [128, 32])
        #expect(throws: error) { try BigCodeModel(folder: folder) }
        #expect(error.description.contains("---> HINT: "))

        // a truncated file is malformed, not a crash
        let truncated = try Data(contentsOf: source.appendingPathComponent("model.safetensors")).prefix(100)
        try truncated.write(to: folder.appendingPathComponent("model.safetensors"))
        #expect {
            try BigCodeModel(folder: folder)
        } throws: { error in
            if case .malformedFile(path: "model.safetensors", _) = error as? BigCodeError { true } else { false }
        }
    }
}
