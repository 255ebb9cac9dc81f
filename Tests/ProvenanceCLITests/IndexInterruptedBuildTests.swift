import Foundation
import ProvenanceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `index build` killed with SIGKILL, then run again: the crash-safety promise of Index/FORMAT.md.
struct IndexInterruptedBuildTests {
    @Test("a build killed with SIGKILL leaves no index at its path, and the same command resumes it to the index an uninterrupted build makes")
    func killedBuildResumes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let corpus = TestCorpus(
            seed: 99,
            repos: [("kill/first", "MIT"), ("kill/second", "Apache-2.0"), ("kill/third", "BSD-3-Clause"),
                    ("kill/last", "MIT"), ("kill/folder", "BSD-2-Clause")],
            filesPerRepo: 60)
        func part(_ repo: String) -> TestCorpus { corpus.filter { $0.name == "kill/\(repo)" } }
        let first = folder.url.appendingPathComponent("first.jsonl")
        let second = folder.url.appendingPathComponent("second.jsonl.gz")
        let third = folder.url.appendingPathComponent("third.jsonl.zst")
        let last = folder.url.appendingPathComponent("last.jsonl")
        try part("first").writeJSONL(to: first)
        try part("second").writeJSONL(to: second, compression: .gzip)
        try part("third").writeJSONL(to: third, compression: .zstd)
        let directory = try part("folder").writeFolders(under: folder.url)[0]
        // The last input is a FIFO nobody opens for writing until after the kill: the kill
        // lands wherever the build is (usually inside the second or third source), and the
        // build can never finish before it, however loaded the machine is.
        #expect(mkfifo(last.path, 0o600) == 0)
        let path = folder.url.appendingPathComponent("index.sqlite").path
        let sources = ["--input", first.path, "--input", second.path, "--input", third.path, "--input", last.path,
                       "--dir", directory.path, "--repo", "kill/folder"]
        let runner = try CommandRunner()

        let build = try runner.start(["index", "build", "--db", path] + sources)
        defer { build.stop() }
        let started = build.wait(timeout: 60) {
            FileManager.default.fileExists(atPath: path + ".building") && build.standardError.contains("first.jsonl: ")
        }
        #expect(started, "the build neither created its partial file nor loaded a source: \(build.standardError)")
        build.kill()
        let ending = build.waitUntilExit()
        #expect(ending.reason == .uncaughtSignal && ending.status == SIGKILL)

        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: path + ".building"))
        expectInputError(try runner.run(["index", "stats", "--db", path]), "incomplete")
        expectInputError(try runner.run(["index", "stats", "--db", path + ".building"]), "incomplete")

        try FileManager.default.removeItem(at: last)
        try part("last").writeJSONL(to: last)
        let resumed = try runner.index(["build", "--db", path] + sources)
        #expect(resumed.standardError.contains("first.jsonl: already loaded by an earlier run"), "\(resumed.standardError)")
        #expect(!FileManager.default.fileExists(atPath: path + ".building"))

        let reference = folder.url.appendingPathComponent("reference/index.sqlite").path
        try FileManager.default.createDirectory(atPath: (reference as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try runner.index(["build", "--db", reference] + sources)
        let (resumedStats, referenceStats) = (try runner.stats(path), try runner.stats(reference))
        #expect(resumedStats.files == corpus.fileCount)
        #expect(resumedStats.contentFigures == referenceStats.contentFigures)
        #expect(resumedStats.licenses == referenceStats.licenses)
        #expect(resumedStats.languages == referenceStats.languages)
        #expect(try IndexTables.files(path) == IndexTables.files(reference))
        #expect(try IndexTables.fingerprintDigest(path) == IndexTables.fingerprintDigest(reference))
    }
}
