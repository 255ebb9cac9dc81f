import Fingerprinting
import ProvenanceTestSupport
import Testing

/// MinHash accuracy and LSH banding.
struct MinHasherTests {
    let minHasher = MinHasher(permutations: 256, shingleLength: 5, seed: 11)

    /// SuperMinHash as written in Ertl's paper (Algorithm 1, with the histogram cut-off),
    /// with plain arrays: what `MinHasher.signature` computes, and every stored index holds.
    static func referenceSignature(of shingles: Set<UInt64>, m: Int, seed: UInt64) -> [UInt32] {
        var values = [UInt64](repeating: .max, count: m)
        var order = [Int](repeating: 0, count: m)
        var owner = [UInt64?](repeating: nil, count: m)
        var histogram = [Int](repeating: 0, count: m)
        histogram[m - 1] = m
        var highest = m - 1
        for shingle in shingles {
            var state = shingle ^ seed
            var j = 0
            while j <= highest {
                state &+= 0x9E37_79B9_7F4A_7C15
                var draw = state
                draw = (draw ^ (draw >> 30)) &* 0xBF58_476D_1CE4_E5B9
                draw = (draw ^ (draw >> 27)) &* 0x94D0_49BB_1331_11EB
                draw ^= draw >> 31
                let k = j + Int(((draw >> 32) &* UInt64(m - j)) >> 32)
                if owner[j] != shingle { owner[j] = shingle; order[j] = j }
                if owner[k] != shingle { owner[k] = shingle; order[k] = k }
                order.swapAt(j, k)
                let register = order[j]
                let candidate = UInt64(j) << 32 | (draw & 0xFFFF_FFFF)
                if candidate < values[register] {
                    let previous = min(Int(values[register] >> 32), m - 1)
                    values[register] = candidate
                    if j < previous {
                        histogram[previous] -= 1
                        histogram[j] += 1
                        while histogram[highest] == 0 { highest -= 1 }
                    }
                }
                j += 1
            }
        }
        return shingles.isEmpty ? [] : values.map { UInt32(truncatingIfNeeded: $0 ^ ($0 >> 29)) }
    }

    @Test("signatures are SuperMinHash's, value for value, for sets smaller and larger than the signature")
    func matchesReference() {
        var generator = SeededGenerator(seed: 21)
        for (size, m) in [(0, 256), (1, 256), (5, 256), (120, 256), (256, 256), (900, 256), (3_000, 64), (40, 7)] {
            var shingles = Set<UInt64>()
            while shingles.count < size { shingles.insert(generator.next()) }
            let hasher = MinHasher(permutations: m, shingleLength: 5, seed: 11)
            #expect(hasher.signature(of: shingles).values == Self.referenceSignature(of: shingles, m: m, seed: 11), "\(size) shingles, m = \(m)")
        }
    }

    /// Two random sets over 32-bit values with an exact, chosen overlap.
    static func setPair(
        union: Int, jaccard: Double, using generator: inout SeededGenerator
    ) -> (Set<UInt64>, Set<UInt64>, Double) {
        var values = Set<UInt64>()
        while values.count < union { values.insert(generator.next()) }
        // Sorted first: a Set's iteration order changes from process to process.
        let shuffled = values.sorted().shuffled(using: &generator)
        let shared = Int((Double(union) * jaccard).rounded())
        let onlyA = (union - shared) / 2
        let a = Set(shuffled[0..<(shared + onlyA)])
        let b = Set(shuffled[0..<shared] + shuffled[(shared + onlyA)...])
        return (a, b, Double(shared) / Double(union))
    }

    @Test("the Jaccard estimate is within ±0.05 of the truth in at least 95% of trials")
    func estimateAccuracy() {
        var generator = SeededGenerator(seed: 2024)
        let trials = 1000
        var within = 0
        var signedError = 0.0
        for _ in 0..<trials {
            // Shingle sets the size of typical source files (tens to a few hundred lines).
            let union = Int.random(in: 100...3_000, using: &generator)
            let jaccard = Double.random(in: 0...1, using: &generator)
            let (a, b, truth) = Self.setPair(union: union, jaccard: jaccard, using: &generator)
            let estimate = minHasher.signature(of: a).estimatedJaccard(with: minHasher.signature(of: b))
            if abs(estimate - truth) <= 0.05 { within += 1 }
            signedError += estimate - truth
        }
        // Unbiased: the errors average out.
        #expect(abs(signedError / Double(trials)) < 0.01, "mean error \(signedError / Double(trials))")
        #expect(Double(within) / Double(trials) >= 0.95, "\(within) of \(trials) trials within ±0.05")
    }

    @Test("identical sets estimate 1, disjoint sets near 0, empty sets are handled")
    func extremes() {
        var generator = SeededGenerator(seed: 5)
        let (a, _, _) = Self.setPair(union: 500, jaccard: 1, using: &generator)
        let b = Set((0..<500).map { _ in generator.next() })
        #expect(minHasher.signature(of: a).estimatedJaccard(with: minHasher.signature(of: a)) == 1)
        #expect(minHasher.signature(of: a).estimatedJaccard(with: minHasher.signature(of: b)) < 0.03)
        let empty = minHasher.signature(of: Set<UInt64>())
        #expect(empty.isEmpty)
        #expect(empty.estimatedJaccard(with: minHasher.signature(of: a)) == 0)
    }

    @Test("bands tuned for a threshold make near-duplicates candidates and distant files not",
          arguments: [0.5, 0.7, 0.8, 0.9])
    func bandsFollowThreshold(threshold: Double) {
        let bands = LSHBands(threshold: threshold, permutations: 256, seed: 3)
        #expect(bands.bands * bands.rows <= 256)
        #expect(bands.candidateProbability(min(1, threshold + 0.1)) > 0.8)
        #expect(bands.candidateProbability(max(0, threshold - 0.3)) < 0.2)
    }

    @Test("band keys agree exactly on the bands whose rows agree")
    func bandKeys() {
        let bands = LSHBands(bands: 4, rows: 2, seed: 9)
        let first = MinHashSignature(values: [1, 2, 3, 4, 5, 6, 7, 8])
        let second = MinHashSignature(values: [1, 2, 3, 0, 5, 6, 7, 0])
        let agree = zip(bands.keys(of: first), bands.keys(of: second)).map { $0 == $1 }
        #expect(agree == [true, false, true, false])
        #expect(bands.keys(of: MinHashSignature(values: [])).isEmpty)
        // Equal rows in different bands still give different keys.
        #expect(Set(bands.keys(of: MinHashSignature(values: [1, 1, 1, 1, 1, 1, 1, 1]))).count == 4)
    }
}
