import ArgumentParser

extension ProvenanceCommand {
    /// `provenance index …`: build, extend, prune, inspect and fetch the corpus of an index.
    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build, update and inspect a Provenance index (one SQLite file).",
            subcommands: [IndexBuild.self, IndexAdd.self, IndexRemove.self, IndexStats.self, IndexFetch.self])
    }
}

/// The index file a command works on.
struct IndexOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The index file (SQLite), e.g. Index/default.sqlite.")
    var database: String
}
