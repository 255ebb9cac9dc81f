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

    @Test("parameterized k-grams survive any consistent renaming and tell repeat patterns apart")
    func parameterizedKGrams() {
        let hasher = KGramHasher(k: 4, seed: 3)
        let name: UInt64 = 100
        // Names 1, 2, 1, 2 with an operator (7) between; the same stream with the names
        // renamed one to one, and with the first repeat broken.
        let symbols: [UInt64] = [name, 7, name, name, 7, name]
        let names: [UInt64] = [1, 0, 2, 1, 0, 2]
        let hashes = hasher.hashes(of: symbols, names: names, nameSymbol: name)
        #expect(hashes.count == 3)
        #expect(hashes == hasher.hashes(of: symbols, names: [41, 0, 42, 41, 0, 42], nameSymbol: name))
        let broken = hasher.hashes(of: symbols, names: [1, 0, 2, 4, 0, 2], nameSymbol: name)
        // Only the k-gram holding both ends of the broken repeat (positions 0 and 3) changes.
        #expect(broken[0] != hashes[0])
        #expect(Array(broken[1...]) == Array(hashes[1...]))
        // A repeat of a name from before the k-gram's start does not count, so a k-gram
        // without repeats inside it hashes as the plain k-gram of its symbols.
        #expect(hashes[1] == hasher.hashes(of: Array(symbols[1..<5]))[0])
        #expect(hashes[0] != hasher.hashes(of: Array(symbols[0..<4]))[0])
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
