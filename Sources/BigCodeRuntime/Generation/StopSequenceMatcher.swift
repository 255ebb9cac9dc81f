/// Watches generated text for stop sequences, holding back any tail that could be the start
/// of one, so streamed text never shows part of a stop sequence.
public struct StopSequenceMatcher: Sendable {
    private let stops: [[Unicode.Scalar]]
    private var held: [Unicode.Scalar] = []

    /// A matcher for `stopSequences` (empty strings are ignored).
    public init(_ stopSequences: [String]) {
        stops = stopSequences.filter { !$0.isEmpty }.map { Array($0.unicodeScalars) }
    }

    /// Adds `text`; returns the text that is now safe to show, and whether a stop sequence
    /// was found (the returned text then ends right before it, and the rest is dropped).
    public mutating func feed(_ text: String) -> (text: String, stopped: Bool) {
        held.append(contentsOf: text.unicodeScalars)
        if let cut = firstStop() {
            let safe = String(String.UnicodeScalarView(held[..<cut]))
            held.removeAll()
            return (safe, true)
        }
        let keep = longestTailStartingAStop()
        let safe = String(String.UnicodeScalarView(held[..<(held.count - keep)]))
        held.removeFirst(held.count - keep)
        return (safe, false)
    }

    /// Returns the held-back tail at the end of generation.
    public mutating func flush() -> String {
        defer { held.removeAll() }
        return String(String.UnicodeScalarView(held))
    }

    /// Where the earliest stop sequence begins in `held`.
    private func firstStop() -> Int? {
        guard !stops.isEmpty, !held.isEmpty else { return nil }
        for start in held.indices {
            for stop in stops where start + stop.count <= held.count && held[start..<(start + stop.count)].elementsEqual(stop) {
                return start
            }
        }
        return nil
    }

    /// The length of the longest tail of `held` that is a proper prefix of a stop sequence.
    private func longestTailStartingAStop() -> Int {
        var best = 0
        for stop in stops {
            for length in stride(from: min(stop.count - 1, held.count), to: best, by: -1)
            where held[(held.count - length)...].elementsEqual(stop[..<length]) {
                best = length
                break
            }
        }
        return best
    }
}
