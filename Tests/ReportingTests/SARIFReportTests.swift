import Foundation
import ProvenanceCore
import ProvenanceTestSupport
import Reporting
import Testing

/// The SARIF writer: valid 2.1.0 as GitHub code scanning reads it, with stable locations and fingerprints.
struct SARIFReportTests {
    static func match(_ lines: ClosedRange<Int>, action: PolicyAction, spanHash: String = "00000000000000aa", sourcePath: String = "lib/a.py") -> FileReport.Match {
        FileReport.Match(
            query: .init(startLine: lines.lowerBound, endLine: lines.upperBound), tokens: 80, characters: 300, kind: .renamed,
            action: action,
            source: .init(repo: "acme/tools", path: sourcePath, license: "GPL-3.0-only", startLine: 7, endLine: 19, url: "https://github.com/acme/tools"),
            alsoIn: 2, spanHash: spanHash)
    }

    static let report = CheckReport(files: [
        FileReport(path: "src/app.py", language: "python", tokens: 500, matches: [
            match(3...5, action: .block), match(10...12, action: .annotate), match(20...21, action: .allow),
        ]),
        FileReport(path: "src/clean.py", language: "python", tokens: 40, matches: []),
    ])

    static func encode(_ log: SARIFReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(log)
    }

    @Test("the log has SARIF 2.1.0's required fields and every result points at a rule")
    func structurallyValid() throws {
        let data = try Self.encode(SARIFReport(report: Self.report, currentDirectory: "/home/dev/project"))
        #expect(SARIFValidator.problems(in: data) == [])
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\""))
        #expect(json.contains("\"originalUriBaseIds\":{\"%SRCROOT%\":{\"uri\":\"file:///home/dev/project/\"}}"))
    }

    @Test("the validator catches what it must: it is not a test that cannot fail")
    func validatorRejects() throws {
        var log = SARIFReport(report: Self.report, currentDirectory: "/home/dev/project")
        log.version = "2.0.0"
        log.runs[0].results[0].ruleId = "no-such-rule"
        log.runs[0].results[1].level = "fatal"
        log.runs[0].results[2].locations[0].physicalLocation.region.startLine = 0
        let problems = SARIFValidator.problems(in: try Self.encode(log))
        #expect(problems.count == 5, "\(problems)")  // version, ruleId, its ruleIndex, level, startLine
    }

    @Test("levels follow the policy action: block error, annotate warning, allow note")
    func levels() {
        let results = SARIFReport(report: Self.report, currentDirectory: "/home/dev/project").runs[0].results
        #expect(results.map(\.level) == ["error", "warning", "note"])
        #expect(results.map(\.ruleId) == ["copied-code/blocked", "copied-code/attribution-required", "copied-code/allowed"])
        #expect(results.allSatisfy { SARIFReport.rules[$0.ruleIndex].defaultConfiguration.level == $0.level })
    }

    @Test("the message and properties name source repo, path, lines, license and alsoIn")
    func messageAndProperties() throws {
        let result = SARIFReport(report: Self.report, currentDirectory: "/home/dev/project").runs[0].results[0]
        #expect(result.message.text == "Lines 3-5 are a renamed copy (80 tokens) of acme/tools lib/a.py lines 7-19, license GPL-3.0-only; "
            + "also in 2 other corpus files. Policy: block. Source: https://github.com/acme/tools/blob/HEAD/lib/a.py#L7-L19")
        #expect(result.properties.source.repo == "acme/tools" && result.properties.alsoIn == 2)
    }

    @Test("locations are relative to %SRCROOT% under the current folder, absolute file URIs elsewhere",
          arguments: [
            ("src/app.py", "src/app.py", true),
            ("./src/a b#1.py", "src/a%20b%231.py", true),
            ("/home/dev/project/lib/x.py", "lib/x.py", true),
            ("../other/x.py", "file:///home/dev/other/x.py", false),
            ("/elsewhere/x.py", "file:///elsewhere/x.py", false),
          ])
    func locations(path: String, uri: String, relative: Bool) {
        let report = CheckReport(files: [FileReport(path: path, language: "python", tokens: 1, matches: [Self.match(1...2, action: .annotate)])])
        let location = SARIFReport(report: report, currentDirectory: "/home/dev/project").runs[0].results[0].locations[0].physicalLocation
        #expect(location.artifactLocation.uri == uri)
        #expect((location.artifactLocation.uriBaseId == SARIFReport.sourceRoot) == relative)
    }

    @Test("regions run from column 1 to one past the end line's last UTF-16 unit")
    func regions() {
        let code = "x = 1\r\ndef f():\n    return '😀'\n"
        let report = CheckReport(files: [FileReport(path: "a.py", language: "python", tokens: 9, matches: [Self.match(2...3, action: .annotate)])])
        let region = SARIFReport(report: report, contents: ["a.py": Array(code.utf8)], currentDirectory: "/p")
            .runs[0].results[0].locations[0].physicalLocation.region
        #expect(region.startLine == 2 && region.endLine == 3 && region.startColumn == 1)
        #expect(region.endColumn == 16)  // 4 spaces + "return " + '😀' (two UTF-16 units) = 15 units
        let withoutContents = SARIFReport(report: report, currentDirectory: "/p").runs[0].results[0]
        #expect(withoutContents.locations[0].physicalLocation.region.endColumn == nil)
    }

    @Test("partial fingerprints follow the copied code and its source, not the lines it sits on")
    func partialFingerprints() {
        func fingerprint(_ match: FileReport.Match) -> String? {
            let report = CheckReport(files: [FileReport(path: "a.py", language: "python", tokens: 1, matches: [match])])
            return SARIFReport(report: report, currentDirectory: "/p").runs[0].results[0].partialFingerprints["provenanceSpan/v1"]
        }
        let original = fingerprint(Self.match(3...9, action: .annotate))
        #expect(original?.count == 16)
        #expect(fingerprint(Self.match(30...36, action: .block)) == original)
        #expect(fingerprint(Self.match(3...9, action: .annotate, spanHash: "00000000000000ab")) != original)
        #expect(fingerprint(Self.match(3...9, action: .annotate, sourcePath: "lib/b.py")) != original)
    }

    @Test("source links: GitHub and GitLab line ranges at a commit, other hosts by address, none without one",
          arguments: [
            ("https://github.com/acme/tools", "deadbeefcafe", "https://github.com/acme/tools/blob/deadbeefcafe/lib/a.py#L7-L19"),
            ("https://github.com/acme/tools.git", "1.2.3", "https://github.com/acme/tools/blob/HEAD/lib/a.py#L7-L19"),
            ("https://gitlab.com/acme/tools/", nil, "https://gitlab.com/acme/tools/-/blob/HEAD/lib/a.py#L7-19"),
            ("https://example.org/project/tools", "1.2.3", "https://example.org/project/tools"),
            ("file:///srv/tools", nil, nil),
          ] as [(String, String?, String?)])
    func links(url: String, revision: String?, link: String?) {
        let source = FileReport.Source(repo: "acme/tools", path: "lib/a.py", license: "MIT", startLine: 7, endLine: 19, url: url, revision: revision)
        #expect(source.link == link)
    }
}
