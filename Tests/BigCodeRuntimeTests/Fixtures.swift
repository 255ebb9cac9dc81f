import Foundation

/// The committed fixtures that `scripts/make_bigcode_goldens.py` writes.
enum Fixtures {
    static let folder: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func model(_ name: String) -> URL {
        folder.appendingPathComponent("models").appendingPathComponent(name)
    }

    static var tokenizerFolder: URL { folder.appendingPathComponent("tokenizer") }

    static let goldens: Goldens = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("goldens.json"))
        return try! JSONDecoder().decode(Goldens.self, from: data)
    }()

    /// Every checkpoint the script writes.
    static let modelNames = ["mqa-fused-f32", "mqa-split-f32", "mqa-fused-f16", "mqa-fused-bf16", "mha-fused-f32"]
}

struct Goldens: Decodable {
    struct TokenizerCase: Decodable {
        var text: String
        var ids: [Int]
    }

    struct Prompt: Decodable {
        var label: String
        var ids: [Int]
        var lastLogits: [Float]
        var greedy: [Int]
    }

    struct Infill: Decodable {
        var prefix: String
        var suffix: String
        var ids: [Int]
    }

    var tokenizer: [TokenizerCase]
    var starcoderTokenizer: [TokenizerCase]
    var fim: Infill
    var models: [String: [Prompt]]
}
