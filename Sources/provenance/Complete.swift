import ArgumentParser
import BigCodeRuntime
import Foundation

extension ProvenanceCommand {
    /// `provenance complete --model DIR PROMPT`: completes code with a local GPT-BigCode checkpoint
    /// and prints only the generated text, as it is produced.
    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Complete code with a local SantaCoder or StarCoder checkpoint; print only the generated text.")

        @Option(help: "Checkpoint folder: config.json, model.safetensors (or shards and their index), tokenizer.json.")
        var model: String

        @Option(help: "Code after the cursor; turns the prompt into a fill-in-the-middle prompt.")
        var suffix: String?

        @Option(help: "Generate at most this many tokens.")
        var maxTokens = 64

        @Option(help: "Sampling temperature; 0 picks the most likely token every time (greedy).")
        var temperature: Float = 0

        @Option(help: "Sample only from the most likely tokens whose probabilities add up to this (0 < P ≤ 1).")
        var topP: Float = 1

        @Option(help: "Sample only from the K most likely tokens; 0 means no limit.")
        var topK = 0

        @Option(help: "Seed of the sampler, so a sampled completion can be reproduced.")
        var seed: UInt64 = 0

        @Option(help: "Stop before this text appears; repeat the option for several stop sequences.")
        var stop: [String] = []

        @Option(help: "How to keep the weights in memory: f32 (exact), bf16 (half the bytes) or int8 (a quarter; fastest decoding).")
        var weights: WeightPrecision = .float32

        @Argument(help: "The code before the cursor; '-' reads it from standard input.")
        var prompt: String

        func validate() throws {
            guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1") }
            guard temperature >= 0, temperature.isFinite else { throw ValidationError("--temperature must be 0 or more") }
            guard topP > 0, topP <= 1 else { throw ValidationError("--top-p must be in (0, 1]") }
            guard topK >= 0 else { throw ValidationError("--top-k must be 0 or more") }
        }

        func run() async throws {
            let generator: TextGenerator
            let promptIDs: [Int]
            do {
                generator = try TextGenerator(folder: URL(fileURLWithPath: model), precision: weights)
                promptIDs = try generator.promptIDs(prefix: try promptText(), suffix: suffix)
            } catch let error as BigCodeError {
                throw CommandFailure("\(error.summary) (hint: \(error.hint))")
            }
            let options = GenerationOptions(
                maxTokens: maxTokens, temperature: temperature, topK: topK, topP: topP, seed: seed, stopSequences: stop)
            do {
                for try await token in generator.stream(promptIDs: promptIDs, options: options) where !token.text.isEmpty {
                    FileHandle.standardOutput.write(Data(token.text.utf8))
                }
            } catch let error as BigCodeError {
                throw CommandFailure("\(error.summary) (hint: \(error.hint))")
            }
        }

        private func promptText() throws -> String {
            guard prompt == "-" else { return prompt }
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
    }
}

extension WeightPrecision: ExpressibleByArgument {}
