@testable import Matching
import ProvenanceTestSupport
import Testing

/// The shared-shape lookup's counting table.
struct PairCounterTests {
    @Test("counts every (content, band) pair as a dictionary does, across growth, negative bands and colliding keys")
    func matchesDictionary() {
        var random = SeededGenerator(seed: 3)
        var counter = PairCounter()
        var expected: [[Int]: Int] = [:]
        // Few contents and bands, so pairs repeat; enough distinct ones to double the table several times.
        for _ in 0..<20_000 {
            let content = Int64(random.next() % 400), band = Int(random.next() % 41) - 20
            counter.increment(content: content, band: band)
            expected[[Int(content), band], default: 0] += 1
        }
        var counted: [[Int]: Int] = [:]
        counter.forEach { content, band, count in
            #expect(counted[[Int(content), band]] == nil, "each pair is listed once")
            counted[[Int(content), band]] = count
        }
        #expect(counted.count > 5_000)
        #expect(counted == expected)
    }
}
