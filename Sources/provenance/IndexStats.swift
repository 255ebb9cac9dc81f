import ArgumentParser
import Foundation
import IndexStore

extension ProvenanceCommand {
    /// `provenance index stats`: what an index holds.
    struct IndexStats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "Print an index's counts, histograms and size by table.")

        @OptionGroup var index: IndexOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Option(help: "How many of the most common fingerprints to list.")
        var top: Int = 10

        func run() async throws {
            let stats = try IndexReader(path: index.database).statistics(top: top)
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            case .text:
                print(StatisticsText.render(stats, path: index.database))
            }
        }
    }
}

/// Text or JSON, for commands that print either.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
