import ArgumentParser
import IndexStore

extension ProvenanceCommand {
    /// `provenance index remove --repo NAME`: opt-out.
    struct IndexRemove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Purge a repository: its files, unshared contents, fingerprints and buckets (opt-out).")

        @OptionGroup var index: IndexOptions

        @Option(help: "The repository name, as `index stats` or a check report shows it.")
        var repo: String

        func run() async throws {
            let summary = try IndexWriter.update(at: index.database).removeRepo(named: repo)
            print("removed \(repo): \(summary.files) files, \(summary.contents) contents, \(summary.fingerprints) fingerprints")
        }
    }
}
