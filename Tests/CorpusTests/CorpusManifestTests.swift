@testable import Corpus
import Foundation
import ProvenanceCore
import ProvenanceTestSupport
import Testing

@Suite struct CorpusManifestTests {
    @Test func parsesEntries() throws {
        let text = """
            # The default corpus
            pypi   requests   2.32.3  license=Apache-2.0 language=python  # HTTP
            debian six        1.16.0-4 license=MIT sha256=\(String(repeating: "AB", count: 32))

            pypi   Flask_Login 0.6.3  license="MIT OR Apache-2.0"
            """
        let manifest = try CorpusManifest(parsing: text)
        #expect(manifest.entries.count == 3)
        #expect(manifest.entries[0] == .init(kind: .pypi, name: "requests", version: "2.32.3", license: License("Apache-2.0"), language: .python, line: 2))
        #expect(manifest.entries[1].sha256 == String(repeating: "ab", count: 32))
        #expect(manifest.entries[1].repositoryName == "debian:six")
        #expect(manifest.entries[2].license == License("MIT OR Apache-2.0"))
        #expect(manifest.entries[2].repositoryName == "pypi:flask-login")
        #expect(manifest.entries[2].line == 5)
    }

    @Test(arguments: [
        ("npm left-pad 1.0 license=MIT", 2, "unknown source kind"),
        ("pypi requests", 2, "expected: KIND NAME VERSION"),
        ("pypi requests 2.0", 2, "missing license"),
        ("pypi requests 2.0 license=MIT sha256=abc", 2, "64 hex digits"),
        ("pypi requests 2.0 license=\"MIT OR\"", 2, "not an SPDX expression"),
        ("pypi requests 2.0 license=MIT colour=red", 2, "unknown key"),
        ("pypi requests 2.0 license=\"MIT", 2, "unterminated quote"),
        ("debian Six 1.0 license=MIT", 2, "not a valid debian name"),
        ("pypi ok 1.0 license=MIT\npypi OK 2.0 license=MIT", 3, "already listed on line 2"),
        ("pypi requests 2.0 license=MIT language=cobol", 2, "unknown language"),
    ])
    func errorsNameTheLine(body: String, line: Int, message: String) {
        let error = #expect(throws: CorpusError.self) { try CorpusManifest(parsing: "# header\n" + body, path: "Index/corpus.manifest") }
        #expect(error?.reason == .badManifest)
        #expect(error?.line == line)
        #expect(error?.detail.contains(message) == true, "\(error?.detail ?? "")")
        #expect(error?.description.hasPrefix("Index/corpus.manifest:\(line): bad manifest:") == true)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(input: String, digest: String) {
        var hasher = SHA256()
        hasher.update(Array(input.utf8))
        #expect(hasher.finalizeHex() == digest)
    }

    @Test func sha256OfLargeInputInPieces() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let data = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = try folder.write("blob", data)
        let expected = try runTool("sha256sum", [file.path]).prefix(64)
        #expect(try SHA256.hex(ofFile: file.path) == String(expected))
    }

    @Test func derivesDebSrcEntries() {
        let sources = """
            Types: deb
            # a comment
            URIs: http://mirror.example/debian
            Suites: stable stable-updates
            Components: main
            Signed-By: /usr/share/keyrings/example.gpg

            Types: deb
            URIs: http://off.example/debian
            Suites: stable
            Enabled: no
            """
        let list = "deb [arch=amd64 signed-by=/k.gpg] http://list.example/debian stable main contrib\n# deb http://x y z\n"
        let converted = ManifestFetcher.sourceEntries([("a.sources", sources), ("b.list", list)])
        #expect(converted == """
            Types: deb-src
            URIs: http://mirror.example/debian
            Suites: stable stable-updates
            Components: main
            Signed-By: /usr/share/keyrings/example.gpg

            Types: deb-src
            URIs: http://list.example/debian
            Suites: stable
            Components: main contrib
            Signed-By: /k.gpg

            """)
    }

    @Test func verifiesCachedEntriesOffline() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fetcher = ManifestFetcher(cache: folder.url)
        // A cached sdist, verified by its sha256.
        let sdist = CorpusManifest.Entry(kind: .pypi, name: "demo", version: "1.0", license: License("MIT"))
        try folder.write("src/demo-1.0/PKG-INFO", "Name: demo\nVersion: 1.0\nLicense: MIT\n")
        try folder.write("src/demo-1.0/demo.py", "x = 1\n")
        let archive = fetcher.folder(for: sdist).appendingPathComponent("demo-1.0.tar.gz")
        try FileManager.default.createDirectory(at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
        try runTool("tar", ["-czf", archive.path, "-C", folder.path("src"), "demo-1.0"])
        #expect(fetcher.cachedArchive(for: sdist) == archive)
        var pinned = sdist
        pinned.sha256 = try SHA256.hex(ofFile: archive.path)
        let result = try fetcher.fetch(pinned)
        #expect(result.outcome == .cached)
        let reader = try #require(try ManifestFetcher.reader(for: result))
        #expect(try readAll(reader).map(\.path) == ["demo.py"])
        pinned.sha256 = String(repeating: "0", count: 64)
        #expect(fetcher.cachedArchive(for: pinned) == nil)

        // A cached Debian source: the .dsc's checksums must match its files.
        let debian = CorpusManifest.Entry(kind: .debian, name: "widget", version: "1.0-1", license: License("MIT"))
        let debFolder = fetcher.folder(for: debian)
        let tarball = try folder.write("debian/widget_1.0-1/widget_1.0.orig.tar.gz", "pretend tarball")
        let sum = try SHA256.hex(ofFile: tarball.path)
        try folder.write("debian/widget_1.0-1/widget_1.0-1.dsc", "Format: 3.0 (quilt)\nSource: widget\nVersion: 1.0-1\nChecksums-Sha256:\n \(sum) 15 widget_1.0.orig.tar.gz\n")
        #expect(debFolder.path == folder.path("debian/widget_1.0-1"))
        #expect(fetcher.cachedArchive(for: debian)?.lastPathComponent == "widget_1.0-1.dsc")
        try folder.write("debian/widget_1.0-1/widget_1.0.orig.tar.gz", "tampered")
        #expect(fetcher.cachedArchive(for: debian) == nil)
    }

    /// Downloads for real; run by hand with PROVENANCE_NETWORK_TESTS=1 (CI has no such step).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROVENANCE_NETWORK_TESTS"] == "1"))
    func fetchesForReal() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fetcher = ManifestFetcher(cache: folder.url)
        // hostname: a small native Debian package whose tarball every mirror carries.
        let manifest = try CorpusManifest(
            parsing: "pypi six 1.16.0 license=MIT\ndebian hostname 3.23+nmu1 license=GPL-2.0-only\n")
        let expectedFiles = ["six.py", "hostname.c"]
        for (entry, file) in zip(manifest.entries, expectedFiles) {
            let result = try fetcher.fetch(entry)
            if case .skipped = result.outcome { continue }
            #expect(result.outcome == .downloaded)
            let reader = try #require(try ManifestFetcher.reader(for: result))
            let documents = try readAll(reader)
            #expect(documents.contains { $0.path.hasSuffix(file) }, "\(documents.map(\.path))")
            #expect(documents.first?.effectiveLicense == entry.license)
            #expect(try fetcher.fetch(entry).outcome == .cached)
        }
    }
}
