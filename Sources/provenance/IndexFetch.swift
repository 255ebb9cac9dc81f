import ArgumentParser
import Corpus
import Foundation

extension ProvenanceCommand {
    /// `provenance index fetch`: download the corpus a manifest names.
    struct IndexFetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Download and verify the packages a corpus manifest names (pip for sdists, apt-get for Debian sources).")

        @Option(help: "The corpus manifest.")
        var manifest: String = "Index/default-corpus.manifest"

        @Option(help: "Where fetched packages are kept.")
        var cache: String = "Index/cache"

        func run() async throws {
            let sources = try ManifestSources.fetch(manifest: manifest, cache: cache, progress: progress)
            print("\(sources.count) packages ready in \(cache)")
        }
    }
}
