import ArgumentParser
import Foundation
import IndexStore
import Indexing

extension ProvenanceCommand {
    /// `provenance index build`: a new index from corpus sources, resumable if interrupted.
    struct IndexBuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build a new index from corpus sources (resumes an interrupted build of the same index).")

        @OptionGroup var index: IndexOptions
        @OptionGroup var sources: SourceOptions
        @OptionGroup var parameters: FingerprintOptions

        @Option(help: "Fingerprints in more than this many distinct files are common code, never attributed.")
        var commonCap: Int = 25

        @Flag(help: "Succeed without doing anything when the index already exists (an index of another format version is built again).")
        var ifMissing = false

        func run() async throws {
            if ifMissing && FileManager.default.fileExists(atPath: index.database) {
                do {
                    _ = try IndexReader(path: index.database)
                    progress("\(index.database) already exists; nothing to do")
                    return
                } catch IndexError.wrongVersion(_, let found, let expected) {
                    // An index this build cannot read is derived data of no use to it: build it again.
                    progress("\(index.database) is index format \(found), this build reads format \(expected); building it again")
                    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: index.database + suffix) {
                        try FileManager.default.removeItem(atPath: index.database + suffix)
                    }
                }
            }
            let writer = try IndexWriter.build(at: index.database, parameters: parameters.resolved, commonCap: commonCap)
            try IndexLoading.load(try sources.sources(progress: progress), into: writer, options: try sources.buildOptions)
            try writer.finish()
            progress("built \(index.database)")
        }
    }

    /// `provenance index add`: more sources into an existing index; readers keep their snapshot.
    struct IndexAdd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Append corpus sources to an existing index.")

        @OptionGroup var index: IndexOptions
        @OptionGroup var sources: SourceOptions

        func run() async throws {
            let writer = try IndexWriter.update(at: index.database)
            try IndexLoading.load(try sources.sources(progress: progress), into: writer, options: try sources.buildOptions)
            try writer.finish()
            progress("updated \(index.database)")
        }
    }
}

/// Loads sources one by one, reporting each on standard error.
enum IndexLoading {
    static func load(_ sources: [IndexSource], into writer: IndexWriter, options: IndexBuildOptions) throws {
        let builder = IndexBuilder(writer: writer, options: options)
        for source in sources {
            let report = try builder.load(source)
            progress(report.description)
            for line in report.badRowLines { progress("  " + line) }
        }
    }
}

/// Progress and warnings go to standard error, so standard output stays machine-readable.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
