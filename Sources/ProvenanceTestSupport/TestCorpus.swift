import Foundation

/// A generated corpus for end-to-end index tests: repositories of Python, Java and
/// JavaScript files with known licenses, written as folders (with a LICENSE file the
/// license detector recognises) or as Stack-format JSON Lines, plain or compressed by
/// the system's gzip and zstd.
///
/// Tests compute what an index must report from `repos`, never from constants.
///
/// ```swift
/// let corpus = TestCorpus(seed: 1, repos: [("acme/alpha", "MIT")], filesPerRepo: 6)
/// let folders = try corpus.writeFolders(under: directory.url)
/// try corpus.writeJSONL(to: directory.url.appendingPathComponent("rows.jsonl.zst"), compression: .zstd)
/// ```
public struct TestCorpus: Sendable {
    /// One source file.
    public struct File: Sendable, Hashable {
        /// Path inside the repository.
        public var path: String
        /// The index's language name (`python`, `java`, `javascript`).
        public var language: String
        public var text: String

        public init(path: String, language: String, text: String) {
            self.path = path
            self.language = language
            self.text = text
        }
    }

    /// One repository and its license (an SPDX identifier).
    public struct Repo: Sendable {
        public var name: String
        public var license: String
        public var files: [File]

        public init(name: String, license: String, files: [File]) {
            self.name = name
            self.license = license
            self.files = files
        }
    }

    /// How `writeJSONL` stores the rows.
    public enum Compression: Sendable { case none, gzip, zstd }

    public var repos: [Repo]

    public init(repos: [Repo]) {
        self.repos = repos
    }

    /// `filesPerRepo` files per repository, cycling through Python, Java and JavaScript.
    public init(seed: UInt64, repos: [(name: String, license: String)], filesPerRepo: Int, functionsPerFile: Int = 3) {
        var generator = CodeGenerator(seed: seed)
        self.repos = repos.map { repo in
            let files = (0..<filesPerRepo).map { index in
                switch index % 3 {
                case 0: File(path: "src/module_\(index).py", language: "python", text: generator.pythonModule(functions: functionsPerFile))
                case 1: File(path: "src/Module\(index).java", language: "java", text: generator.javaClass(methods: functionsPerFile))
                default: File(path: "lib/module_\(index).js", language: "javascript", text: generator.javaScriptModule(functions: functionsPerFile))
                }
            }
            return Repo(name: repo.name, license: repo.license, files: files)
        }
    }

    // MARK: - What an index of it holds

    public var fileCount: Int { repos.reduce(0) { $0 + $1.files.count } }

    /// Bytes of all files.
    public var byteCount: Int { repos.flatMap(\.files).reduce(0) { $0 + $1.text.utf8.count } }

    /// The corpus of the repositories `isIncluded` admits.
    public func filter(_ isIncluded: (Repo) -> Bool) -> TestCorpus {
        TestCorpus(repos: repos.filter(isIncluded))
    }

    /// Files by license, as `index stats` counts them.
    public var filesByLicense: [String: Int] {
        repos.reduce(into: [:]) { counts, repo in counts[repo.license, default: 0] += repo.files.count }
    }

    /// Files by language, as `index stats` counts them.
    public var filesByLanguage: [String: Int] {
        repos.flatMap(\.files).reduce(into: [:]) { counts, file in counts[file.language, default: 0] += 1 }
    }

    // MARK: - Writing

    /// Writes each repository as a folder named after the last part of its name, with
    /// a LICENSE file; returns the folders in the order of `repos`.
    public func writeFolders(under directory: URL) throws -> [URL] {
        try repos.map { repo in
            let folder = directory.appendingPathComponent(String(repo.name.split(separator: "/").last ?? "repo"))
            for file in repo.files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
            guard let text = Self.licenseTexts[repo.license] else {
                preconditionFailure("no LICENSE text for \(repo.license); use one of \(Self.licenseTexts.keys.sorted())")
            }
            try Data(text.utf8).write(to: folder.appendingPathComponent("LICENSE"))
            return folder
        }
    }

    /// The Stack-format rows, one JSON object per file, each ending in a newline.
    public var jsonLines: String {
        repos.flatMap { repo in repo.files.map { Self.stackRow(repo: repo, file: $0) + "\n" } }.joined()
    }

    /// Writes every file as one Stack-format row, compressed by the system's gzip or zstd.
    public func writeJSONL(to url: URL, compression: Compression = .none) throws {
        switch compression {
        case .none: try Data(jsonLines.utf8).write(to: url)
        case .gzip: try Self.compress(jsonLines, with: ["gzip", "-c"], to: url)
        case .zstd: try Self.compress(jsonLines, with: ["zstd", "-q", "-c"], to: url)
        }
    }

    /// One file as a row of The Stack: `content`, `max_stars_repo_name`, `max_stars_repo_path`,
    /// `max_stars_repo_licenses` (a list) and `lang`.
    public static func stackRow(repo: Repo, file: File) -> String {
        let names = ["python": "Python", "java": "Java", "javascript": "JavaScript"]
        let row: [String: Any] = [
            "content": file.text, "max_stars_repo_name": repo.name, "max_stars_repo_path": file.path,
            "max_stars_repo_licenses": [repo.license], "lang": names[file.language] ?? file.language,
        ]
        let data = try! JSONSerialization.data(withJSONObject: row, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func compress(_ text: String, with tool: [String], to url: URL) throws {
        try Data().write(to: url)
        let output = try FileHandle(forWritingTo: url)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = tool
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(tool[0]) exited \(process.terminationStatus)"])
        }
    }

    // MARK: - License texts

    /// LICENSE files the detector identifies, by SPDX identifier.
    public static let licenseTexts: [String: String] = ["MIT": mit, "BSD-2-Clause": bsd2]

    private static let mit = """
        MIT License

        Copyright (c) 2024 Test Corpus Authors

        Permission is hereby granted, free of charge, to any person obtaining a copy
        of this software and associated documentation files (the "Software"), to deal
        in the Software without restriction, including without limitation the rights
        to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
        copies of the Software, and to permit persons to whom the Software is
        furnished to do so, subject to the following conditions:

        The above copyright notice and this permission notice shall be included in all
        copies or substantial portions of the Software.

        THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
        OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
        SOFTWARE.

        """

    private static let bsd2 = """
        BSD 2-Clause License

        Copyright (c) 2024, Test Corpus Authors
        All rights reserved.

        Redistribution and use in source and binary forms, with or without
        modification, are permitted provided that the following conditions are met:

        1. Redistributions of source code must retain the above copyright notice, this
           list of conditions and the following disclaimer.

        2. Redistributions in binary form must reproduce the above copyright notice,
           this list of conditions and the following disclaimer in the documentation
           and/or other materials provided with the distribution.

        THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
        AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
        IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
        DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
        FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
        DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
        SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
        CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
        OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
        OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

        """
}
