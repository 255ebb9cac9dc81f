@testable import IndexStore
import ProvenanceTestSupport
import Testing

/// The in-memory common-fingerprint table every reader keeps.
struct CommonFingerprintsTests {
    @Test("finds the count of every common hash and nothing for others, for tables of one to thousands of rows")
    func findsExactlyTheCommonOnes() {
        var random = SeededGenerator(seed: 9)
        for size in [0, 1, 7, 5_000] {
            var rows: [(hash: UInt64, contents: Int)] = (0..<size).map { _ in (random.next(), Int(random.next() % 900) + 100) }
            rows.append(contentsOf: [(0, 101), (.max, 102)].prefix(size == 0 ? 0 : 2))
            let table = CommonFingerprints(rows)
            for row in rows { #expect(table.contents(of: row.hash) == row.contents) }
            // Others: random ones, and neighbours that share a common hash's top bits.
            let members = Set(rows.map(\.hash))
            let others = (0..<20_000).map { _ in random.next() } + rows.map { $0.hash ^ 1 }
            #expect(others.filter { !members.contains($0) }.allSatisfy { table.contents(of: $0) == nil })
        }
    }
}
