@testable import Corpus
import Foundation
import ProvenanceCore
import ProvenanceTestSupport
import Testing

@Suite struct DebianSourceReaderTests {
    private let copyright = """
        Format: copyright-format/1.0
        Upstream-Name: widget
        Source: https://code.example.org/widget/widget
         (and a mirror)

        Files: *
        Copyright: 2010-2024 Widget Authors
        License: Expat

        Files: src/vendor/* src/compat_?.py
        Copyright: 2001 Someone Else
        License: BSD-3-clause

        Files: src/vendor/gpl_*.c
        Copyright: 1999 FSF Fan
        License: GPL-2+ or Artistic
         Long license text paragraph one.
         .
         Paragraph two.

        Files: debian/*
        Copyright: 2024 Packager
        License: GPL-2+

        License: Expat
         Permission is hereby granted…
        """

    @Test func parsesDEP5WithGlobs() throws {
        let parsed = try #require(try DebianCopyright(parsing: copyright))
        #expect(parsed.upstreamURL == "https://code.example.org/widget/widget")
        #expect(parsed.upstreamName == "widget")
        #expect(parsed.stanzas.count == 4)
        #expect(parsed.packageLicense == License("MIT"))
        #expect(parsed.license(for: "src/main.py") == License("MIT"))
        #expect(parsed.license(for: "src/vendor/deep/x.py") == License("BSD-3-Clause"))
        #expect(parsed.license(for: "src/compat_2.py") == License("BSD-3-Clause"))
        #expect(parsed.license(for: "src/compat_23.py") == License("MIT"))
        #expect(parsed.license(for: "src/vendor/gpl_io.c") == License("GPL-2.0-or-later OR Artistic-1.0"))
        #expect(try DebianCopyright(parsing: "This package was debianized by someone.\n\nIt is MIT.\n") == nil)
    }

    @Test(arguments: [
        ("Expat", "MIT"), ("BSD-2-clause", "BSD-2-Clause"), ("GPL-2", "GPL-2.0-only"), ("GPL-3+", "GPL-3.0-or-later"),
        ("LGPL-2.1+", "LGPL-2.1-or-later"), ("Apache-2.0", "Apache-2.0"), ("MIT and BSD-3-clause", "MIT AND BSD-3-Clause"),
        ("GPL-2+ with OpenSSL exception", "GPL-2.0-or-later WITH LicenseRef-OpenSSL-exception"),
        ("public-domain", "LicenseRef-public-domain"), ("Zlib, or MIT", "Zlib OR MIT"),
    ])
    func mapsShortNames(name: String, expected: String) {
        #expect(DebianLicenseNames.expression(for: name) == expected)
    }

    @Test(arguments: [
        ("*", "a/b/c.py", true), ("src/*", "src/x/y.c", true), ("src/*.c", "src/x.h", false),
        ("?.py", "a.py", true), ("?.py", "ab.py", false), ("a\\*b", "a*b", true), ("a\\*b", "axb", false),
        ("*/test_*.py", "pkg/tests/test_a.py", true), ("./setup.py", "setup.py", true), ("**", "", true),
    ])
    func globMatching(pattern: String, path: String, matches: Bool) {
        #expect(DebianCopyright.glob(pattern, matches: path) == matches)
    }

    @Test func readsExtractedTree() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("debian/copyright", copyright)
        try folder.write("debian/changelog", "widget (2.1.0-3) unstable; urgency=medium\n\n  * New upstream.\n")
        try folder.write("debian/rules", "#!/usr/bin/make -f\n")
        try folder.write("debian/helper.py", "x = 1\n")
        try folder.write("src/main.py", "print('main')\n")
        try folder.write("src/vendor/lib.py", "print('lib')\n")
        try folder.write("src/vendor/gpl_io.c", "int main(void) { return 0; }\n")
        let reader = try DebianSourceReader(path: folder.url.path, includeVendored: true)
        let documents = try readAll(reader)
        #expect(documents.map(\.path) == ["src/main.py", "src/vendor/gpl_io.c", "src/vendor/lib.py"])
        #expect(reader.repository.name == "debian:widget")
        #expect(reader.repository.revision == "2.1.0-3")
        #expect(reader.repository.url == "https://code.example.org/widget/widget")
        #expect(reader.repository.license == License("MIT"))
        #expect(reader.repository.licenseOrigin == .debianCopyright)
        #expect(reader.repository.sourceKind == .debian)
        #expect(documents[0].fileLicense == nil)
        #expect(documents[1].fileLicense == License("GPL-2.0-or-later OR Artistic-1.0"))
        #expect(documents[2].fileLicense == License("BSD-3-Clause"))
        #expect(documents[2].fileLicenseOrigin == .debianCopyright)
        #expect(reader.summary.skipped[.packaging] == 1)
    }

    @Test func readsDscWithDpkgSource() throws {
        guard ToolRunner.isAvailable("dpkg-source") else { return }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("widget-2.1.0/debian/copyright", copyright)
        try folder.write("widget-2.1.0/debian/changelog", "widget (2.1.0-1) unstable; urgency=medium\n\n  * Init.\n\n -- A B <a@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n")
        try folder.write("widget-2.1.0/debian/control", "Source: widget\nMaintainer: A B <a@example.org>\n\nPackage: widget\nArchitecture: all\nDescription: w\n w\n")
        try folder.write("widget-2.1.0/debian/source/format", "1.0\n")
        try folder.write("widget-2.1.0/src/main.py", "print('main')\n")
        try runTool("dpkg-source", ["-b", "widget-2.1.0"], in: folder.url)
        let reader = try DebianSourceReader(path: folder.path("widget_2.1.0-1.dsc"))
        #expect(reader.repository.name == "debian:widget")
        #expect(reader.repository.revision == "2.1.0-1")
        #expect(try readAll(reader).map(\.path) == ["src/main.py"])
        reader.close()
    }

    @Test func changelogHead() {
        #expect(DebianSourceReader.parseChangelogHead("six (1.16.0-4) unstable; urgency=medium\n")! == ("six", "1.16.0-4"))
        #expect(DebianSourceReader.parseChangelogHead("garbage") == nil)
    }
}
