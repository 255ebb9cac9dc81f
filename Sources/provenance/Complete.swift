import ArgumentParser
import BigCodeRuntime
import Foundation
import GatedCompletion
import IndexStore
import ProvenanceCore
import Reporting

extension ProvenanceCommand {
    /// `provenance complete --model DIR PROMPT`: completes code with a local GPT-BigCode checkpoint
    /// and prints only the generated text, as it is produced; with `--db`, the completion is
    /// checked against the index first and allowed, annotated or blocked per the policy.
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

        @Option(help: "How to keep the weights in memory: f32 (exact), bf16 (half the bytes) or int8 (a quarter; the fastest decoding). On CPUs with AVX512-BF16, bf16 and int8 read the prompt with bf16 arithmetic, twice as fast.")
        var weights: WeightPrecision = .float32

        @Option(name: .customLong("db"), help: "Check the completion against this index before printing it (the gate).")
        var database: String?

        @Option(help: "With --db: a policy file; default: the built-in policy.")
        var policy: String?

        @Option(help: "With --db: the language of the code, for the check (default python).")
        var language = "python"

        @Option(help: "With --db: how many times a blocked completion is sampled again.")
        var retries = 2

        @Argument(help: "The code before the cursor; '-' reads it from standard input.")
        var prompt: String

        func validate() throws {
            guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1") }
            guard temperature >= 0, temperature.isFinite else { throw ValidationError("--temperature must be 0 or more") }
            guard topP > 0, topP <= 1 else { throw ValidationError("--top-p must be in (0, 1]") }
            guard topK >= 0 else { throw ValidationError("--top-k must be 0 or more") }
            guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
            guard Language(name: language) != nil else { throw ValidationError("unknown language '\(language)'") }
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
            if let database {
                try await gated(generator: generator, database: database)
                return
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

        /// The completion through the gate: printed when allowed or annotated (its
        /// attributions on standard error), nothing but the reason when blocked (exit 1).
        private func gated(generator: TextGenerator, database: String) async throws {
            var options = CompletionGate.Options.default
            options.maxRetries = retries
            let gate = CompletionGate(
                backend: NativeBackend(generator: generator, modelName: URL(fileURLWithPath: model).lastPathComponent),
                index: try IndexReader(path: database), policy: try policy.map { try Policy.load(path: $0) } ?? .default,
                format: .none, options: options)
            let request = OpenAICompletionRequest(
                prompt: try promptText(), suffix: suffix, maxTokens: maxTokens, temperature: Double(temperature),
                topP: Double(topP), stop: stop.isEmpty ? nil : StopSequences(stop), seed: Int(truncatingIfNeeded: seed),
                language: language)
            let response: OpenAICompletionResponse
            do {
                response = try await gate.complete(request)
            } catch let error as GatedCompletionError {
                throw CommandFailure(error.description)
            }
            guard let choice = response.choices.first else { throw CommandFailure("the gate returned no completion") }
            FileHandle.standardOutput.write(Data(choice.text.utf8))
            guard let attribution = choice.attribution else { return }
            for match in attribution.matches {
                progress("generated lines \(match.query.startLine)-\(match.query.endLine) \(match.kind.rawValue) copy of "
                    + "\(match.source.repo)/\(match.source.path):\(match.source.startLine)-\(match.source.endLine), "
                    + "license \(match.source.license): \(match.action.rawValue)")
            }
            progress("completion \(attribution.action.rawValue) after \(attribution.attempts) attempt(s)"
                + (attribution.reason.map { ": \($0)" } ?? ""))
            if attribution.action == .blocked { throw ExitCode(1) }
        }

        private func promptText() throws -> String {
            guard prompt == "-" else { return prompt }
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
    }
}

extension WeightPrecision: ExpressibleByArgument {}
