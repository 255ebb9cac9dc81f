import Fingerprinting
import Testing

struct KGramHasherTests {
    @Test("a stream of n symbols has n − k + 1 k-grams, and equal k-grams hash equally")
    func countsAndEquality() {
        let hasher = KGramHasher(k: 3, seed: 1)
        let hashes = hasher.hashes(of: [1, 2, 3, 4, 1, 2, 3])
        #expect(hashes.count == 5)
        #expect(hashes[0] == hashes[4])
        #expect(Set(hashes.prefix(4)).count == 4)
        #expect(hasher.hashes(of: [1, 2]).isEmpty)
    }

    @Test("the seed changes every hash")
    func seedMatters() {
        let symbols: [UInt64] = [5, 6, 7, 8]
        #expect(KGramHasher(k: 2, seed: 1).hashes(of: symbols) != KGramHasher(k: 2, seed: 2).hashes(of: symbols))
    }

    @Test("k-gram hashes are XXH3 of the symbols' bytes")
    func isXXH3() {
        let symbols: [UInt64] = [10, 20, 30]
        let expected = symbols.withUnsafeBytes { XXH3.hash($0, seed: 42) }
        #expect(KGramHasher(k: 3, seed: 42).hashes(of: symbols) == [expected])
        // A known XXH3-64 value (seed 0, empty input), so the linked library is the real one.
        #expect(XXH3.hash("", seed: 0) == 0x2D06_8005_38D3_94C2)
    }
}
