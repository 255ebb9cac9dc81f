import Foundation
import ProvenanceTestSupport
import Testing

/// A small generated corpus indexed with the real `provenance index build`, in its own
/// folder, and the functions queries copy from it. Commands run in that folder, so
/// report paths are relative (`queries/copy.py`).
struct CheckFixture {
    static let idioms = """
        import os
        import sys


        class Person:
            def get_name(self):
                return self._name


        if __name__ == "__main__":
            main()

        """

    let folder: TemporaryDirectory
    let database = "index.sqlite"
    /// An MIT function: acme/tools `tools/core.py`, from line `targetLine`.
    let target: String
    let targetLine: Int
    /// A GPL-3.0-only function: gpl/engine `engine/solver.py` (the default policy blocks it).
    let blocked: String

    init() throws {
        folder = try TemporaryDirectory()
        var generator = CodeGenerator(seed: 42)
        let before = generator.pythonModule(functions: 3)
        target = generator.pythonFunction(statements: 14)
        targetLine = before.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        try folder.write("corpus/tools/tools/core.py", before + "\n\n" + target + "\n\n" + generator.pythonModule(functions: 2))
        blocked = generator.pythonFunction(statements: 14)
        try folder.write("corpus/engine/engine/solver.py", generator.pythonFunction() + "\n\n" + blocked)
        try folder.write("corpus/noise/noise.py", generator.pythonModule(functions: 6))
        try folder.write("corpus/idioms/main.py", Self.idioms)
        var arguments = ["index", "build", "--db", database, "--licenses", "any"]
        for (dir, repo, license) in [
            ("tools", "acme/tools", "MIT"), ("engine", "gpl/engine", "GPL-3.0-only"), ("noise", "other/noise", "Apache-2.0"),
            ("idioms", "idioms/many", "MIT"),
        ] {
            arguments += ["--dir", "corpus/\(dir)", "--repo", repo, "--license", license]
        }
        let build = try CommandRunner().run(arguments, in: folder.url)
        guard build.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: build.standardError]) }
    }

    func remove() { folder.remove() }

    /// Runs `provenance` in the fixture's folder.
    func run(_ arguments: [String], input: Data = Data()) throws -> CommandRunner.Result {
        try CommandRunner().run(arguments, input: input, in: folder.url)
    }

    /// Runs `provenance check --db index.sqlite ARGUMENTS`.
    func check(_ arguments: [String], input: Data = Data()) throws -> CommandRunner.Result {
        try run(["check", "--db", database] + arguments, input: input)
    }

    /// `check --format json` on `arguments`, decoded.
    func checkJSON(_ arguments: [String], input: Data = Data()) throws -> (status: Int32, files: [[String: Any]]) {
        let result = try check(["--format", "json"] + arguments, input: input)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]], "\(result.standardError)")
        return (result.status, files)
    }

    /// Writes a file into the fixture's folder; returns its relative path.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> String {
        try folder.write(path, text)
        return path
    }

    /// The target function re-indented with tabs and with a comment on every line: tokens unchanged.
    var reformattedTarget: String {
        target.split(separator: "\n").map { $0.replacingOccurrences(of: "    ", with: "\t") + "  # tweak" }.joined(separator: "\n")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested value by key path, e.g. `self["source.repo"]`.
    subscript(path path: String) -> Any? {
        var value: Any? = self
        for key in path.split(separator: ".") { value = (value as? [String: Any])?[String(key)] }
        return value
    }
}
