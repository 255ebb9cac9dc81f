import Corpus
import Foundation
import ProvenanceCore
import Testing

@Suite struct LicenseFilterTests {
    @Test(arguments: [
        ("MIT", true), ("Apache-2.0", true), ("CC0-1.0", true), ("GPL-3.0-only", false), ("MPL-2.0", false),
        ("MIT OR GPL-3.0", true), ("MIT AND GPL-3.0", false), ("(MIT OR GPL-2.0) AND BSD-3-Clause", true),
        ("GPL-2.0 WITH Classpath-exception-2.0", false), ("LicenseRef-public-domain", false),
        ("MIT or Apache-2.0", true), ("MIT OR", false), ("((MIT)", false),
    ])
    func permissive(expression: String, admitted: Bool) {
        #expect(LicenseFilter.permissive.admits(License(expression)) == admitted)
    }

    @Test func explicitList() throws {
        let filter = try LicenseFilter(parsing: "MIT, GPL-2.0")
        #expect(filter.admits(License("mit")))
        #expect(filter.admits(License("GPL-2.0-or-later")))
        #expect(filter.admits(License("GPL-2.0-only")))
        #expect(!filter.admits(License("Apache-2.0")))
        #expect(!filter.admits(.unknown))
        #expect(try LicenseFilter(parsing: "any").admits(License("GPL-3.0")))
        #expect(throws: CorpusError.self) { try LicenseFilter(parsing: " , ") }
    }

    @Test func filteredReaderCountsExclusions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filter-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = [
            stackRow(content: "a = 1", licenses: ["MIT"]), stackRow(content: "b = 2", licenses: ["GPL-3.0"]),
            stackRow(content: "c = 3", licenses: []), stackRow(content: "d = 4", licenses: ["MIT", "Apache-2.0"]),
        ]
        try rows.joined(separator: "\n").write(to: folder, atomically: true, encoding: .utf8)
        let strict = LicenseFilteredReader(try StackJSONLReader(path: folder.path), filter: .permissive)
        #expect(try readAll(strict).map { String(decoding: $0.bytes, as: UTF8.self) } == ["a = 1", "d = 4"])
        #expect(strict.summary.documents == 2)
        #expect(strict.summary.skipped[.licenseNotAdmitted] == 1)
        #expect(strict.summary.skipped[.licenseUnknown] == 1)
        var lenient = LicenseFilter.permissive
        lenient.includeUnknown = true
        #expect(try readAll(LicenseFilteredReader(try StackJSONLReader(path: folder.path), filter: lenient)).count == 3)
    }
}
