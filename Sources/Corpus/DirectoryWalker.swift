import Foundation

/// Lists a tree's regular files in a stable order (sorted, depth first), lazily,
/// pruning folders that never hold the project's own source.
///
/// Symbolic links are never followed: a link inside the tree points at a file that is
/// read under its own path anyway, and one out of the tree is not the project's.
final class DirectoryWalker {
    /// One regular file.
    struct Entry {
        /// Path relative to the root, `/`-separated.
        var relativePath: String
        var url: URL
        var size: Int
    }

    /// Version-control metadata: never source.
    static let alwaysSkipped: Set<String> = [".git", ".hg", ".svn", ".bzr"]
    /// Other people's code bundled into a tree: skipped unless asked for.
    static let vendoredNames: Set<String> = [
        "node_modules", "bower_components", "vendor", "vendors", "third_party", "third-party", "thirdparty",
        ".venv", ".tox",
    ]

    private let root: URL
    private let includeVendored: Bool
    /// Relative paths (files or folders) to leave out, e.g. `debian` in a Debian source tree.
    private let excludedPrefixes: [String]
    /// Relative paths still to visit, the next one last.
    private var stack: [String]
    /// What the walk skipped, by reason.
    private(set) var skipped: [CorpusSkipReason: Int] = [:]

    init(root: URL, includeVendored: Bool, excludedPrefixes: [String] = []) {
        self.root = root
        self.includeVendored = includeVendored
        self.excludedPrefixes = excludedPrefixes
        stack = [""]
    }

    /// The next regular file, or `nil` when the walk is done.
    func next() -> Entry? {
        while let relative = stack.popLast() {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            // attributesOfItem does not follow a final symbolic link (lstat).
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                let type = attributes[.type] as? FileAttributeType
            else {
                skipped[.unreadable, default: 0] += 1
                continue
            }
            switch type {
            case .typeDirectory:
                push(children: relative, of: url)
            case .typeRegular:
                return Entry(relativePath: relative, url: url, size: (attributes[.size] as? Int) ?? 0)
            case .typeSymbolicLink:
                skipped[.symlink, default: 0] += 1
            default:
                continue  // sockets, devices, fifos
            }
        }
        return nil
    }

    private func push(children relative: String, of url: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            skipped[.unreadable, default: 0] += 1
            return
        }
        for name in names.sorted(by: >) {
            if Self.alwaysSkipped.contains(name) { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            if excludedPrefixes.contains(where: { child == $0 || child.hasPrefix($0 + "/") }) {
                skipped[.packaging, default: 0] += 1
                continue
            }
            if !includeVendored && Self.vendoredNames.contains(name) {
                skipped[.vendored, default: 0] += 1
                continue
            }
            stack.append(child)
        }
    }
}
