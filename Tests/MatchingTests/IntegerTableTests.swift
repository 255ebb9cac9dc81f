@testable import Matching
import ProvenanceTestSupport
import Testing

/// The query path's tallies by content id or diagonal.
struct IntegerTableTests {
    @Test("holds what a dictionary holds, across growth and room made ahead, negative and extreme ids and ids that share slots",
          arguments: [nil, 0, 100, 2_500, 40_000])
    func matchesDictionary(capacity: Int?) {
        var random = SeededGenerator(seed: 5)
        var table = capacity.map { IntegerTable<Int>(capacity: $0) } ?? IntegerTable<Int>()
        var expected: [Int64: Int] = [:]
        // Ids spaced by the table's sizes collide in its slots; a few extremes besides.
        let extremes: [Int64] = [0, -1, .min, .max]
        for step in 0..<30_000 {
            let content = step % 10 == 0
                ? extremes[Int(random.next() % 4)] : Int64(random.next() % 3_000) * 1_024 - 1_000_000
            let amount = Int(random.next() % 7)
            // Room made halfway, with entries in the table, moves them all.
            if step == 15_000, let capacity { table.reserve(table.count + capacity) }
            table.update(content, initial: 0) { $0 += amount }
            expected[content, default: 0] += amount
        }
        #expect(table.count == expected.count)
        #expect(expected.count > 2_000)
        var listed: [Int64: Int] = [:]
        table.forEach { content, value in
            #expect(listed[content] == nil, "each id is listed once")
            listed[content] = value
        }
        #expect(listed == expected)
        for (content, value) in expected { #expect(table[content] == value) }
        #expect(table[12_345] == nil)
    }
}
