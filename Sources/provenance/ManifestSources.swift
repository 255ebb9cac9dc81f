import Corpus
import Foundation
import Indexing

/// Fetches what a manifest names (once; the cache is reused) and turns it into index sources.
enum ManifestSources {
    static func fetch(manifest path: String, cache: String, progress: (String) -> Void) throws -> [IndexSource] {
        let manifest = try CorpusManifest(contentsOf: URL(fileURLWithPath: path))
        let fetcher = ManifestFetcher(cache: URL(fileURLWithPath: cache))
        var sources: [IndexSource] = []
        for entry in manifest.entries {
            let result = try fetcher.fetch(entry)
            switch result.outcome {
            case .skipped(let reason):
                progress("warning: skipped \(entry.kind.rawValue) \(entry.name) \(entry.version): \(reason)")
            case .downloaded:
                progress("fetched \(entry.kind.rawValue) \(entry.name) \(entry.version)")
            case .cached:
                break
            }
            if let archive = result.archive { sources.append(.manifestEntry(entry, archive: archive.path)) }
        }
        return sources
    }
}
