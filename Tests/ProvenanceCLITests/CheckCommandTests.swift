import Foundation
import ProvenanceTestSupport
import Testing

/// `provenance check` as CI runs it: a real index, real files, the real binary.
struct CheckCommandTests {
    @Test("an exact copy, reformatted, is found with its query lines and source repo, path, lines and license")
    func exactReformattedCopy() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let marked = MarkedText("import os\n\n⟦" + fixture.reformattedTarget + "⟧\n\nprint('done')\n")
        let path = try fixture.write("queries/copy.py", marked.text)
        let (status, files) = try fixture.checkJSON([path])
        #expect(status == 0)
        let file = try #require(files.first)
        let matches = try #require(file["matches"] as? [[String: Any]])
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match[path: "kind"] as? String == "exact")
        #expect(match[path: "query.startLine"] as? Int == marked.spans[0].lowerBound)
        #expect(match[path: "query.endLine"] as? Int == marked.spans[0].upperBound)
        #expect(match[path: "source.repo"] as? String == "acme/tools")
        #expect(match[path: "source.path"] as? String == "tools/core.py")
        #expect(match[path: "source.license"] as? String == "MIT")
        let targetLines = fixture.target.split(separator: "\n").count
        #expect(match[path: "source.startLine"] as? Int == fixture.targetLine)
        #expect(match[path: "source.endLine"] as? Int == fixture.targetLine + targetLines - 1)
        #expect(match[path: "action"] as? String == "annotate" && file["verdict"] as? String == "annotate")
    }

    @Test("the JSON report has every field of the contract")
    func jsonContract() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let path = try fixture.write("queries/copy.py", fixture.target)
        let (_, files) = try fixture.checkJSON([path])
        let file = try #require(files.first)
        for key in ["path", "language", "tokens", "verdict", "matches", "nearDuplicates"] {
            #expect(file[key] != nil, "files[].\(key)")
        }
        #expect(file["path"] as? String == "queries/copy.py" && file["language"] as? String == "python")
        let match = try #require((file["matches"] as? [[String: Any]])?.first)
        for key in [
            "query.startLine", "query.endLine", "tokens", "characters", "kind", "action", "source.repo", "source.path",
            "source.license", "source.startLine", "source.endLine", "alsoIn",
        ] {
            #expect(match[path: key] != nil, "matches[].\(key)")
        }
        #expect(match["explanation"] == nil, "explanations only with --explain")
        let duplicates = try #require(file["nearDuplicates"] as? [[String: Any]])
        #expect(duplicates.isEmpty, "one function of a longer file is not a near-duplicate of it")
    }

    @Test("a renamed copy and an edited copy are found with their kind and source")
    func renamedAndEditedCopies() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        var renamed = fixture.target
        var generator = CodeGenerator(seed: 7)
        for word in Set(fixture.target.split(whereSeparator: { !$0.isLetter && $0 != "_" }).map(String.init)) where word.contains("_") {
            renamed = renamed.replacingOccurrences(of: word, with: generator.identifier())
        }
        var edited = fixture.target.split(separator: "\n").map(String.init)
        edited.insert("    extra_value = 12345", at: edited.count / 3)
        edited.remove(at: 2 * edited.count / 3)
        try fixture.write("renamed.py", renamed)
        try fixture.write("edited.py", edited.joined(separator: "\n") + "\n")
        let (status, files) = try fixture.checkJSON(["renamed.py", "edited.py"])
        #expect(status == 0)
        let kinds = files.map { (($0["matches"] as? [[String: Any]])?.first?["kind"] as? String) }
        #expect(kinds == ["renamed", "edited"])
        let repos = files.map { (($0["matches"] as? [[String: Any]])?.first?[path: "source.repo"] as? String) }
        #expect(repos == ["acme/tools", "acme/tools"])
        // With the lookup tables in memory, the same report.
        let plain = try fixture.check(["--format", "json", "renamed.py", "edited.py"])
        let resident = try fixture.check(["--format", "json", "--resident", "renamed.py", "edited.py"])
        #expect(resident.status == 0)
        #expect(resident.standardOutput == plain.standardOutput)
    }

    @Test("novel code and short idioms (imports, the main guard, getters) are not flagged")
    func novelCodeAndIdioms() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        var generator = CodeGenerator(seed: 999)
        try fixture.write("novel.py", generator.pythonModule(functions: 4))
        try fixture.write("idioms.py", CheckFixture.idioms)
        let (status, files) = try fixture.checkJSON(["novel.py", "idioms.py"])
        #expect(status == 0)
        #expect(files.count == 2)
        #expect(files.allSatisfy { ($0["matches"] as? [Any])?.isEmpty == true && $0["verdict"] as? String == "allow" })
    }

    @Test("a blocked license exits 1 after printing the full report, in every format")
    func blockedExitsOne() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("gpl.py", "import os\n\n" + fixture.blocked)
        try fixture.write("mit.py", fixture.target)
        let text = try fixture.check(["gpl.py", "mit.py"])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("gpl.py: python") && text.standardOutput.contains("mit.py: python"))
        #expect(text.standardOutput.contains("from gpl/engine/engine/solver.py") && text.standardOutput.contains("license GPL-3.0-only"))
        #expect(!text.standardOutput.contains("\u{1B}["), "no colour when standard output is not a terminal")
        let sarif = try fixture.check(["--format", "sarif", "gpl.py"])
        #expect(sarif.status == 1)
        #expect(SARIFValidator.problems(in: Data(sarif.standardOutput.utf8)) == [])
    }

    @Test("a policy file decides the exit status",
          arguments: [
            (#"{"licenses": {"MIT": "block"}}"#, "mit.py", Int32(1)),
            (#"{"repos": {"gpl/engine": "allow"}}"#, "gpl.py", Int32(0)),
            (#"{"classes": {"strong-copyleft": "annotate"}}"#, "gpl.py", Int32(0)),
            (#"{"minTokens": 100000}"#, "gpl.py", Int32(0)),
          ])
    func policyFile(policy: String, query: String, status: Int32) throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("gpl.py", fixture.blocked)
        try fixture.write("mit.py", fixture.target)
        try fixture.write("policy.json", policy)
        let result = try fixture.check(["--policy", "policy.json", query])
        #expect(result.status == status, "\(result.standardError)")
    }

    @Test("SARIF output is valid 2.1.0 and locates each copy relative to %SRCROOT%")
    func sarif() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let marked = MarkedText("import os\n\n⟦" + fixture.target.dropLast() + "⟧\n")
        try fixture.write("src/copy.py", marked.text)
        try fixture.write("src/novel.py", "x = 1\n")
        let result = try fixture.check(["--format", "sarif", "src"])
        #expect(result.status == 0)
        let data = Data(result.standardOutput.utf8)
        #expect(SARIFValidator.problems(in: data) == [])
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let location = try #require((results.first?["locations"] as? [[String: Any]])?.first)
        #expect(location[path: "physicalLocation.artifactLocation.uri"] as? String == "src/copy.py")
        #expect(location[path: "physicalLocation.artifactLocation.uriBaseId"] as? String == "%SRCROOT%")
        #expect(location[path: "physicalLocation.region.startLine"] as? Int == marked.spans[0].lowerBound)
        #expect(location[path: "physicalLocation.region.endLine"] as? Int == marked.spans[0].upperBound)
        #expect(results.first?["level"] as? String == "warning")
    }

    @Test("folders are walked honouring .gitignore; binary and unknown-language files are skipped and counted")
    func walksFolders() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("proj/.gitignore", "build/\n*.gen.py\n")
        try fixture.write("proj/app/copy.py", fixture.target)
        try fixture.write("proj/app/novel.js", "const answer = 42;\n")
        try fixture.write("proj/build/copy.py", fixture.target)
        try fixture.write("proj/app/copy.gen.py", fixture.target)
        try fixture.write("proj/README.md", "# proj\n")
        try fixture.folder.write("proj/app/blob.py", Data([0x64, 0x65, 0x66, 0x00, 0xFF, 0x01]))
        let result = try fixture.check(["--format", "json", "proj/"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["proj/app/copy.py", "proj/app/novel.js"])
        #expect(result.standardError == "skipped 5 paths: 1 binary, 2 git-ignored, 2 unknown-language\n")
    }

    @Test("files are reported in the order named and walked, though checked several at a time")
    func reportOrder() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        var generator = CodeGenerator(seed: 61)
        let names = (0..<12).map { String(format: "proj/m%02d.py", $0) }
        for (number, name) in names.enumerated() {
            try fixture.write(name, number == 7 ? fixture.target : generator.pythonFunction())
        }
        try fixture.write("single.py", fixture.target)
        let result = try fixture.check(["--format", "json", "single.py", "proj"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["single.py"] + names)
        let matched = files.filter { !(($0["matches"] as? [Any]) ?? []).isEmpty }.map { $0["path"] as? String }
        #expect(matched == ["single.py", "proj/m07.py"])
    }

    @Test("standard input is read with --language, shown as <stdin>")
    func standardInput() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let (status, files) = try fixture.checkJSON(["--language", "python", "-"], input: Data(fixture.target.utf8))
        #expect(status == 0)
        #expect(files.first?["path"] as? String == "<stdin>" && files.first?["language"] as? String == "python")
        #expect((files.first?["matches"] as? [Any])?.count == 1)
        let (_, generic) = try fixture.checkJSON(["-"], input: Data("x = 1\n".utf8))
        #expect(generic.first?["language"] as? String == "other")
    }

    @Test("--explain adds each match's evidence to JSON and a why: line to text")
    func explain() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("copy.py", fixture.target)
        let (_, files) = try fixture.checkJSON(["--explain", "copy.py"])
        let explanation = try #require((files.first?["matches"] as? [[String: Any]])?.first?["explanation"] as? [String: Any])
        #expect((explanation["exactFingerprints"] as? Int ?? 0) > 0)
        #expect(explanation["licenseOrigin"] as? String == "declared")
        let text = try fixture.check(["--explain", "copy.py"])
        #expect(text.standardOutput.contains("    why: "))
        #expect(!(try fixture.check(["copy.py"])).standardOutput.contains("why:"))
    }

    @Test("--min-tokens raises the bar for what counts as a copy")
    func minTokens() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("copy.py", fixture.target)
        let tokens = try #require((try fixture.checkJSON(["copy.py"]).files.first?["matches"] as? [[String: Any]])?.first?["tokens"] as? Int)
        #expect((try fixture.checkJSON(["--min-tokens", "\(tokens)", "copy.py"]).files.first?["matches"] as? [Any])?.count == 1)
        #expect((try fixture.checkJSON(["--min-tokens", "\(tokens + 1)", "copy.py"]).files.first?["matches"] as? [Any])?.isEmpty == true)
    }

    @Test("invalid UTF-8 never crashes the check, and a copy next to it is still found")
    func invalidUTF8() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.folder.write("latin1.py", Data(Array(fixture.target.utf8) + Array("# caf".utf8) + [0xE9, 0x0A]))
        try fixture.folder.write("torn.py", Data([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x82, 0x0A, 0x78, 0x0A]))
        let (status, files) = try fixture.checkJSON(["latin1.py", "torn.py"])
        #expect(status == 0)
        #expect((files.first?["matches"] as? [Any])?.count == 1)
    }

    @Test("bad input exits 2 with one line naming the problem",
          arguments: [
            (["--policy", "broken.json", "copy.py"], "policy broken.json"),
            (["--policy", "unknown-class.json", "copy.py"], "unknown license class 'viral'"),
            (["--policy", "missing.json", "copy.py"], "policy missing.json: cannot read the file"),
            (["missing.py"], "no such file or folder: missing.py"),
            (["--min-tokens", "0", "copy.py"], "--min-tokens must be at least 1"),
            (["--language", "klingon", "-"], "unknown language 'klingon'"),
            (["--format", "xml", "copy.py"], "xml"),
          ])
    func badInput(arguments: [String], message: String) throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("copy.py", fixture.target)
        try fixture.write("broken.json", "{\"classes\": ")
        try fixture.write("unknown-class.json", #"{"classes": {"viral": "block"}}"#)
        let result = try fixture.check(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    }

    @Test("a missing index, or one of another format version, exits 2 with one line saying what to do")
    func badIndex() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("copy.py", fixture.target)
        let missing = try fixture.run(["check", "--db", "nowhere.sqlite", "copy.py"])
        #expect(missing.status == 2 && missing.standardError.contains("no index at nowhere.sqlite"), "\(missing.standardError)")
        // SQLite keeps PRAGMA user_version, the index's format version, big-endian at byte 60 of the header.
        var bytes = try Data(contentsOf: fixture.folder.url.appendingPathComponent(fixture.database))
        bytes.replaceSubrange(60..<64, with: [0, 0, 0, 99])
        try fixture.folder.write("old.sqlite", bytes)
        let old = try fixture.run(["check", "--db", "old.sqlite", "copy.py"])
        #expect(old.status == 2)
        #expect(old.standardError.contains("is format 99, this build reads format"), "\(old.standardError)")
        #expect(old.standardError.split(separator: "\n").count == 1)
    }
}
