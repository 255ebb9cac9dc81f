import ArgumentParser
import Corpus
import Foundation
import Indexing
import ProvenanceCore

/// The corpus sources of `index build` and `index add`, and how to read them.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("input"), help: "A Stack-format JSON Lines file (plain, .gz or .zst). Repeatable.")
    var inputs: [String] = []

    @Option(name: .customLong("dir"), help: "A folder or git checkout to index. Repeatable; pairs in order with --repo and --license.")
    var directories: [String] = []

    @Option(name: .customLong("repo"), help: "Repository name for the --dir at the same position (default: the git remote, else the folder name).")
    var repos: [String] = []

    @Option(name: .customLong("license"), help: "SPDX license for the --dir at the same position (default: detected from LICENSE files).")
    var licenses: [String] = []

    @Option(name: .customLong("sdist"), help: "A Python sdist (.tar.gz or .zip). Repeatable.")
    var sdists: [String] = []

    @Option(name: .customLong("debian"), help: "A Debian source package (.dsc) or extracted source tree. Repeatable.")
    var debianSources: [String] = []

    @Option(help: "A corpus manifest (e.g. Index/default-corpus.manifest); its packages are fetched into --cache first.")
    var manifest: String?

    @Option(help: "Where fetched packages are kept.")
    var cache: String = "Index/cache"

    @Option(name: .customLong("licenses"), help: "Licenses admitted: 'permissive' (permissive and public-domain-like classes), 'any', or a comma-separated SPDX list.")
    var admitted: String = "permissive"

    @Flag(help: "Also index files whose license is unknown (excluded and counted by default).")
    var includeUnknown = false

    @Flag(help: "Count and report malformed JSONL rows instead of stopping at the first.")
    var skipBad = false

    @Flag(help: "Also index vendored folders (node_modules, vendor, third_party).")
    var includeVendored = false

    func validate() throws {
        if !repos.isEmpty && repos.count != directories.count {
            throw ValidationError("give --repo for every --dir, in the same order, or for none")
        }
        if !licenses.isEmpty && licenses.count != directories.count {
            throw ValidationError("give --license for every --dir, in the same order, or for none")
        }
        if inputs.isEmpty && directories.isEmpty && sdists.isEmpty && debianSources.isEmpty && manifest == nil {
            throw ValidationError("nothing to index: give --input, --dir, --sdist, --debian or --manifest")
        }
        _ = try LicenseFilter(parsing: admitted, includeUnknown: includeUnknown)
    }

    var buildOptions: IndexBuildOptions {
        get throws {
            IndexBuildOptions(
                licenses: try LicenseFilter(parsing: admitted, includeUnknown: includeUnknown),
                skipBad: skipBad, includeVendored: includeVendored)
        }
    }

    /// Every source, in the order given; manifest packages are fetched (or found in the cache) first.
    func sources(progress: (String) -> Void) throws -> [IndexSource] {
        var sources: [IndexSource] = inputs.map { .stackJSONL(path: $0) }
        for (position, directory) in directories.enumerated() {
            sources.append(.directory(
                path: directory, repo: repos.isEmpty ? nil : repos[position],
                license: licenses.isEmpty ? nil : License(licenses[position])))
        }
        sources += sdists.map { .sdist(path: $0) } + debianSources.map { .debianSource(path: $0) }
        if let manifest {
            sources += try ManifestSources.fetch(manifest: manifest, cache: cache, progress: progress)
        }
        return sources
    }
}
