@testable import Corpus
import Foundation
import ProvenanceCore
import ProvenanceTestSupport
import Testing

@Suite struct SdistReaderTests {
    /// Writes `Demo_Pkg-1.2.0/` with `pkgInfo` and a little source, and archives it.
    private func makeSdist(
        _ pkgInfo: String, license: String? = nil, zip: Bool = false, in folder: TemporaryDirectory
    ) throws -> String {
        let top = "Demo_Pkg-1.2.0"
        try folder.write("\(top)/PKG-INFO", pkgInfo)
        try folder.write("\(top)/demo_pkg/__init__.py", "VERSION = '1.2.0'\n")
        try folder.write("\(top)/demo_pkg/core.py", "def run():\n    return 42\n")
        try folder.write("\(top)/setup.cfg", "[metadata]\n")
        if let license { try folder.write("\(top)/LICENSE.txt", license) }
        let archive = folder.path(zip ? "demo.zip" : "demo.tar.gz")
        if zip {
            try runTool("zip", ["-q", "-r", archive, top], in: folder.url)
        } else {
            try runTool("tar", ["-czf", archive, top], in: folder.url)
        }
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent(top))
        return archive
    }

    private let header = "Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: 1.2.0\n"

    @Test func readsArchiveWithLicenseExpression() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let info = header + """
            License-Expression: MIT OR Apache-2.0
            Project-URL: Documentation, https://docs.example.org/demo
            Project-URL: Source Code, https://code.example.org/demo/demo-pkg
            Home-page: https://demo.example.org

            Long description here.
            License: GPL-3.0
            """
        let reader = try SdistReader(path: try makeSdist(info, in: folder))
        let documents = try readAll(reader)
        #expect(documents.map(\.path) == ["demo_pkg/__init__.py", "demo_pkg/core.py"])
        #expect(reader.repository.name == "pypi:demo-pkg")
        #expect(reader.repository.revision == "1.2.0")
        #expect(reader.repository.url == "https://code.example.org/demo/demo-pkg")
        #expect(reader.repository.license == License("MIT OR Apache-2.0"))
        #expect(reader.repository.licenseOrigin == .packageMetadata)
        #expect(reader.repository.sourceKind == .sdist)
    }

    @Test func extractedFilesAreRemoved() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let reader = try SdistReader(path: try makeSdist(header + "License: MIT\n", zip: true, in: folder))
        let root = try #require(try reader.next()).path
        #expect(root == "demo_pkg/__init__.py")
        reader.close()
        #expect(throws: CorpusError.self) { try SdistReader(path: folder.path("missing.tar.gz")) }
    }

    @Test(arguments: [
        ("License: MIT\n", nil as String?, "MIT" as String?, LicenseOrigin.packageMetadata),
        ("License: Apache 2.0\n", nil, "Apache-2.0", .packageMetadata),
        ("Classifier: License :: OSI Approved :: MIT License\n", nil, "MIT", .packageMetadata),
        (
            "Classifier: License :: OSI Approved :: ISC License (ISCL)\nClassifier: License :: OSI Approved :: MIT License\n",
            nil, "ISC AND MIT", .packageMetadata
        ),
        ("Classifier: License :: OSI Approved :: BSD License\n", LicenseTemplate.bsd2, "BSD-2-Clause", .licenseFile),
        ("Classifier: License :: OSI Approved :: Apache Software License\n", nil, "Apache-2.0", .packageMetadata),
        ("License: UNKNOWN\n", LicenseTemplate.isc, "ISC", .licenseFile),
        ("License: Copyright 2020 Me\n " + LicenseTemplate.mit.replacingOccurrences(of: "\n", with: "\n        ") + "\n",
            nil, "MIT", .packageMetadata),
        ("Classifier: License :: OSI Approved :: BSD License\n", nil, nil, .none),
    ])
    func resolvesLicense(fields: String, file: String?, expected: String?, origin: LicenseOrigin) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let reader = try SdistReader(path: try makeSdist(header + fields, license: file, in: folder))
        #expect(reader.repository.license == License(expected))
        #expect(reader.repository.licenseOrigin == origin)
    }

    @Test func metadataParsing() throws {
        let metadata = try PythonPackageMetadata(parsing: header + "Home-page: https://h.example\nLicense-File: LICENSES/MIT.txt\n")
        #expect(metadata.normalizedName == "demo-pkg")
        #expect(metadata.sourceURL == "https://h.example")
        #expect(metadata.licenseFiles == ["LICENSES/MIT.txt"])
        let error = #expect(throws: CorpusError.self) { try PythonPackageMetadata(parsing: "Name: x\nno colon here\n") }
        #expect(error?.line == 2)
        #expect(throws: CorpusError.self) { try PythonPackageMetadata(parsing: "Name: x\n") }
    }

    @Test func archiveWithoutMetadataIsAnError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("pkg/a.py", "x = 1\n")
        try runTool("tar", ["-czf", folder.path("pkg.tar.gz"), "pkg"], in: folder.url)
        let error = #expect(throws: CorpusError.self) { try SdistReader(path: folder.path("pkg.tar.gz")) }
        #expect(error?.reason == .badArchive)
        try folder.write("broken.tar.gz", "not a tarball")
        #expect(throws: CorpusError.self) { try SdistReader(path: folder.path("broken.tar.gz")) }
    }
}
