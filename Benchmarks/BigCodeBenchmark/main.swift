import BigCodeRuntime
import Foundation

// Prefill and decode speed of the native runtime on a random-initialised model with
// SantaCoder's full config (1.1B parameters). Run from a release build:
//   swift build -c release --product bigcode-bench
//   .build/release/bigcode-bench [PROMPT_TOKENS] [NEW_TOKENS] [f32|bf16|int8]
// Prints tokens/s for a batched prefill of PROMPT_TOKENS (default 512) and for NEW_TOKENS
// (default 64) one-token decode steps through the KV cache, with the weights kept in the given
// precision (default f32), and the peak resident memory.

let arguments = Array(CommandLine.arguments.dropFirst())
let counts = arguments.compactMap { Int($0) }
let promptTokens = counts.first ?? 512
let newTokens = counts.dropFirst().first ?? 64
guard let precision = WeightPrecision(rawValue: arguments.first { Int($0) == nil } ?? "f32") else {
    print("usage: bigcode-bench [PROMPT_TOKENS] [NEW_TOKENS] [f32|bf16|int8]")
    exit(2)
}
let config = BigCodeConfig.santaCoder
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

var weights: ModelWeights?
let initTime = clock.measure { weights = ModelWeights.random(config: config, seed: 1, precision: precision) }
let model = BigCodeModel(config: config, weights: weights!)
let weightBytes = weights!.byteCount
weights = nil
print("random init (\(precision.rawValue), \(String(format: "%.2f", Double(weightBytes) / 1e9)) GB of weights): \(String(format: "%.1f", seconds(initTime))) s")

var generator = SystemRandomNumberGenerator()
let prompt = (0..<promptTokens).map { _ in Int.random(in: 0..<49152, using: &generator) }
var cache = model.makeCache()
var logits: [Float] = []
let prefill = try clock.measure { logits = try model.forward(prompt, cache: &cache) }
print("prefill: \(promptTokens) tokens in \(String(format: "%.2f", seconds(prefill))) s = \(String(format: "%.1f", Double(promptTokens) / seconds(prefill))) tokens/s")

let decode = try clock.measure {
    for _ in 0..<newTokens {
        let next = TokenSampler.argmax(logits)
        logits = try model.forward([next], cache: &cache)
    }
}
let decodeRate = Double(newTokens) / seconds(decode)
print("decode: \(newTokens) tokens in \(String(format: "%.2f", seconds(decode))) s = \(String(format: "%.2f", decodeRate)) tokens/s, \(String(format: "%.1f", decodeRate * Double(weightBytes) / 1e9)) GB/s of weights")

if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let peak = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM") })
{
    print("peak memory: \(peak.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))")
}
