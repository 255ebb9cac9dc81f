import Fingerprinting
import PropertyBased
import ProvenanceTestSupport
import Testing

/// The winnowing guarantee, the density of selected fingerprints and the robust tie rule.
struct WinnowerTests {
    static let parameters = FingerprintParameters.default
    let kgrams = KGramHasher(k: parameters.k, seed: parameters.seed)
    let winnower = Winnower(w: parameters.w)

    /// Random token symbols drawn from a small alphabet, so k-grams repeat as in real code.
    static func symbols(count: Int, alphabet: UInt64, using generator: inout SeededGenerator) -> [UInt64] {
        (0..<count).map { _ in UInt64.random(in: 0..<alphabet, using: &generator) }
    }

    @Test("two streams sharing w + k − 1 tokens share a fingerprint")
    func winnowingGuarantee() async {
        let shared = Self.parameters.guaranteedMatchLength
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...400), Gen.int(in: 0...400), Gen.int(in: 0...Int.max)
        ) { prefixA, prefixB, seed in
            var generator = SeededGenerator(seed: UInt64(seed))
            let run = Self.symbols(count: shared, alphabet: 1 << 20, using: &generator)
            let a = Self.symbols(count: prefixA, alphabet: 1 << 20, using: &generator) + run
                + Self.symbols(count: 50, alphabet: 1 << 20, using: &generator)
            let b = Self.symbols(count: prefixB, alphabet: 1 << 20, using: &generator) + run
            let hashesA = Set(winnower.fingerprints(of: kgrams.hashes(of: a)).map(\.hash))
            let hashesB = Set(winnower.fingerprints(of: kgrams.hashes(of: b)).map(\.hash))
            #expect(!hashesA.isDisjoint(with: hashesB))
        }
    }

    @Test("a shared run one token shorter than the guarantee can be missed")
    func guaranteeIsTight() {
        // Not a property of every pair, but over many pairs some must miss; otherwise the
        // guarantee test above would not be testing the bound.
        var generator = SeededGenerator(seed: 7)
        var misses = 0
        for _ in 0..<300 {
            let run = Self.symbols(count: Self.parameters.k, alphabet: 1 << 20, using: &generator)
            let a = Self.symbols(count: 100, alphabet: 1 << 20, using: &generator) + run
                + Self.symbols(count: 100, alphabet: 1 << 20, using: &generator)
            let b = Self.symbols(count: 100, alphabet: 1 << 20, using: &generator) + run
                + Self.symbols(count: 100, alphabet: 1 << 20, using: &generator)
            let hashesA = Set(winnower.fingerprints(of: kgrams.hashes(of: a)).map(\.hash))
            let hashesB = Set(winnower.fingerprints(of: kgrams.hashes(of: b)).map(\.hash))
            if hashesA.isDisjoint(with: hashesB) { misses += 1 }
        }
        #expect(misses > 0)
    }

    @Test("density is near 2 / (w + 1)", arguments: [4, 10, 20, 50])
    func density(w: Int) {
        var generator = SeededGenerator(seed: UInt64(w))
        let hashes = (0..<200_000).map { _ in generator.next() }
        let selected = Winnower(w: w).fingerprints(of: hashes)
        let density = Double(selected.count) / Double(hashes.count)
        let expected = 2 / Double(w + 1)
        #expect(abs(density - expected) < 0.05 * expected, "density \(density), expected \(expected)")
    }

    @Test("matches a brute-force robust winnowing on streams full of ties", arguments: 0..<40)
    func matchesReference(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let count = Int.random(in: 0...300, using: &generator)
        let hashes = (0..<count).map { _ in UInt64.random(in: 0..<6, using: &generator) }
        let w = Int.random(in: 1...12, using: &generator)
        let expected = Self.referenceWinnowing(hashes, w: w)
        #expect(Winnower(w: w).fingerprints(of: hashes).map { Int($0.position) } == expected)
    }

    @Test("positions are in increasing order and hashes are the k-grams at those positions")
    func positionsPointAtTheirKGrams() {
        var generator = SeededGenerator(seed: 99)
        let hashes = kgrams.hashes(of: Self.symbols(count: 5_000, alphabet: 50, using: &generator))
        let selected = winnower.fingerprints(of: hashes)
        #expect(zip(selected, selected.dropFirst()).allSatisfy { $0.position < $1.position })
        #expect(selected.allSatisfy { hashes[Int($0.position)] == $0.hash })
    }

    @Test("a stream shorter than a window keeps its rightmost minimum; an empty one keeps nothing")
    func shortStreams() {
        #expect(winnower.fingerprints(of: []).isEmpty)
        let selected = winnower.fingerprints(of: [9, 3, 7, 3, 8])
        #expect(selected == [Fingerprint(hash: 3, position: 3)])
    }

    /// Each window on its own: keep the previous choice when it is still a minimum in
    /// the window, otherwise take the rightmost minimum. Quadratic, obviously right.
    static func referenceWinnowing(_ hashes: [UInt64], w: Int) -> [Int] {
        guard !hashes.isEmpty else { return [] }
        let width = min(w, hashes.count)
        var chosen: [Int] = []
        for start in 0...(hashes.count - width) {
            let window = start..<(start + width)
            let minimum = hashes[window].min()!
            if let last = chosen.last, window.contains(last), hashes[last] == minimum { continue }
            chosen.append(window.last(where: { hashes[$0] == minimum })!)
        }
        return chosen
    }
}
