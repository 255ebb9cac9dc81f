import Foundation
import ProvenanceTestSupport
import Testing

/// `provenance annotate` on real files against a real index.
struct AnnotateCommandTests {
    static let mitComment = "# provenance: exact copy of acme/tools tools/core.py lines "

    /// `text` with the lines holding annotations removed.
    static func withoutAnnotations(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("provenance:") && !$0.contains("SPDX-Snippet") && !$0.contains("SPDX-License") }
            .joined(separator: "\n")
    }

    @Test("comment style writes one provenance line above the copied span and nothing else")
    func commentStyle() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let original = "import os\n\n" + fixture.target + "\n\nprint('done')\n"
        try fixture.write("copy.py", original)
        let result = try fixture.run(["annotate", "--db", fixture.database, "copy.py"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        let end = fixture.targetLine + fixture.target.split(separator: "\n").count - 1
        #expect(lines[2] == Self.mitComment + "\(fixture.targetLine)-\(end), license MIT")
        #expect(lines[3].hasPrefix("def "))
        #expect(Self.withoutAnnotations(result.standardOutput) == original)
        #expect(result.standardError.contains("annotated 1 span(s), 0 already annotated"))
    }

    @Test("spdx style puts SnippetBegin and the license before the span and SnippetEnd after its last line")
    func spdxStyle() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let original = "import os\n\n" + fixture.target + "print('done')\n"
        try fixture.write("copy.py", original)
        let result = try fixture.run(["annotate", "--db", fixture.database, "--style", "spdx", "copy.py"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let targetLines = fixture.target.split(separator: "\n").count
        #expect(Array(lines[2...3]) == ["# SPDX-SnippetBegin", "# SPDX-License-Identifier: MIT"])
        #expect(lines[4].hasPrefix(Self.mitComment))
        #expect(lines[5 + targetLines] == "# SPDX-SnippetEnd")
        #expect(lines[6 + targetLines] == "print('done')")
        #expect(!result.standardOutput.contains("SPDX-SnippetCopyrightText"), "the index records no copyright text")
        #expect(Self.withoutAnnotations(result.standardOutput) == original)
    }

    @Test("annotate --in-place twice equals once, byte for byte, and keeps the file's permissions",
          arguments: ["comment", "spdx"])
    func idempotentInPlace(style: String) throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let original = "import os\n\n" + fixture.reformattedTarget + "\n\n" + fixture.blocked + "\nvalue = 1\n"
        let url = try fixture.folder.write("copy.py", original)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: url.path)
        let arguments = ["annotate", "--db", fixture.database, "--style", style, "--in-place", "copy.py"]
        let first = try fixture.run(arguments)
        #expect(first.status == 1, "the GPL span is blocked: \(first.standardError)")
        #expect(first.standardOutput.isEmpty)
        let once = try Data(contentsOf: url)
        #expect(once != Data(original.utf8))
        #expect(String(decoding: once, as: UTF8.self).contains("license GPL-3.0-only"))
        let second = try fixture.run(arguments)
        #expect(second.standardError.contains("annotated 0 span(s), 2 already annotated"), "\(second.standardError)")
        #expect(try Data(contentsOf: url) == once)
        let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.url.path).filter { $0.contains(".provenance-") }
        #expect(leftovers.isEmpty)
    }

    @Test("CRLF line endings stay CRLF, annotation lines included; a file without a final newline keeps none")
    func crlf() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        // "\r\n" is one Character: dropping one drops the final line break.
        let original = ("import os\n\n" + fixture.target).replacingOccurrences(of: "\n", with: "\r\n").dropLast(1)
        try fixture.folder.write("copy.py", Data(original.utf8))
        let result = try fixture.run(["annotate", "--db", fixture.database, "--style", "spdx", "copy.py"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = Data(result.standardOutput.utf8)
        let lone = zip(output.indices, output).filter { $0.1 == 0x0A && (($0.0 == 0) || output[$0.0 - 1] != 0x0D) }
        #expect(lone.isEmpty, "every newline is a CRLF")
        #expect(result.standardOutput.hasSuffix("\r\n# SPDX-SnippetEnd"))
        let kept = result.standardOutput.components(separatedBy: "\r\n").filter { !$0.contains("SPDX") && !$0.contains("provenance:") }
        #expect(kept.joined(separator: "\r\n") == String(original))
    }

    @Test("spans the policy allows are not annotated")
    func allowedSpansLeftAlone() throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("copy.py", fixture.target)
        try fixture.write("policy.json", #"{"classes": {"permissive": "allow"}}"#)
        let result = try fixture.run(["annotate", "--db", fixture.database, "--policy", "policy.json", "copy.py"])
        #expect(result.status == 0)
        #expect(result.standardOutput == fixture.target)
    }

    @Test("bad input exits 2 with one line",
          arguments: [
            (["notes.txt"], "give --language"),
            (["--in-place", "-"], "--in-place needs a file"),
            (["missing.py"], "no such file: missing.py"),
            (["--style", "fancy", "copy.py"], "fancy"),
          ])
    func badInput(arguments: [String], message: String) throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("copy.py", fixture.target)
        try fixture.write("notes.txt", fixture.target)
        let result = try fixture.run(["annotate", "--db", fixture.database] + arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
    }
}
