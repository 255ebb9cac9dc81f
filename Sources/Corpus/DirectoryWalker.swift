import Foundation

/// Lists a tree's regular files in a stable order (sorted, depth first), lazily,
/// pruning folders that never hold the project's own source.
///
/// Symbolic links are never followed: a link inside the tree points at a file that is
/// read under its own path anyway, and one out of the tree is not the project's.
/// With `honoursGitIgnore`, files and folders the tree's `.gitignore` files ignore are
/// skipped as git would skip them — including the `.gitignore` files of the folders
/// above the root, up to the enclosing checkout, and its `.git/info/exclude`.
///
/// ```swift
/// let walker = DirectoryWalker(root: URL(fileURLWithPath: "src"), includeVendored: true, honoursGitIgnore: true)
/// while let entry = walker.next() { print(entry.relativePath) }
/// ```
public final class DirectoryWalker {
    /// One regular file.
    public struct Entry: Sendable {
        /// Path relative to the root, `/`-separated.
        public var relativePath: String
        public var url: URL
        public var size: Int
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
    /// The `.gitignore` rules met so far, keyed relative to `ignoreTop`; `nil` when not honoured.
    private var gitIgnores: GitIgnoreTree?
    /// The root's path relative to the folder `gitIgnores` is keyed from, with a trailing `/` (or `""`).
    private var ignorePrefix = ""
    /// Relative paths still to visit, the next one last.
    private var stack: [String]
    /// What the walk skipped, by reason.
    public private(set) var skipped: [CorpusSkipReason: Int] = [:]

    public init(root: URL, includeVendored: Bool, excludedPrefixes: [String] = [], honoursGitIgnore: Bool = false) {
        self.root = root
        self.includeVendored = includeVendored
        self.excludedPrefixes = excludedPrefixes
        stack = [""]
        if honoursGitIgnore { loadEnclosingGitIgnores() }
    }

    /// The next regular file, or `nil` when the walk is done.
    public func next() -> Entry? {
        while let relative = stack.popLast() {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            // attributesOfItem does not follow a final symbolic link (lstat).
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                let type = attributes[.type] as? FileAttributeType
            else {
                skipped[.unreadable, default: 0] += 1
                continue
            }
            if !relative.isEmpty, let gitIgnores,
                gitIgnores.isIgnored(ignorePrefix + relative, isDirectory: type == .typeDirectory) {
                skipped[.gitIgnored, default: 0] += 1
                continue
            }
            switch type {
            case .typeDirectory:
                loadGitIgnore(in: url, key: ignorePrefix + relative)
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

    // MARK: - .gitignore

    /// Adds `folder/.gitignore` to the rules, keyed by the folder's path `key` (without a trailing `/`).
    private func loadGitIgnore(in folder: URL, key: String) {
        guard gitIgnores != nil else { return }
        let file = folder.appendingPathComponent(".gitignore")
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        gitIgnores?.add(GitIgnore(String(decoding: data, as: UTF8.self)), folder: key.hasSuffix("/") ? String(key.dropLast()) : key)
    }

    /// Starts the rules at the enclosing checkout (the nearest folder holding `.git`), so the
    /// `.gitignore` files above the root apply too; at the root itself when there is none.
    private func loadEnclosingGitIgnores() {
        gitIgnores = GitIgnoreTree()
        let start = root.standardizedFileURL
        var top = start
        var below: [String] = []
        while !GitMetadata.isCheckout(top) {
            let parent = top.deletingLastPathComponent()
            guard parent.path != top.path else {
                below = []
                top = start
                break
            }
            below.insert(top.lastPathComponent, at: 0)
            top = parent
        }
        ignorePrefix = below.isEmpty ? "" : below.joined(separator: "/") + "/"
        let exclude = top.appendingPathComponent(".git/info/exclude")
        if let data = FileManager.default.contents(atPath: exclude.path) {
            gitIgnores?.add(GitIgnore(String(decoding: data, as: UTF8.self)), folder: "")
        }
        // The folders from the top down to the root's parent; the root's own file loads when it is visited.
        var folder = top
        var key = ""
        for name in below {
            loadGitIgnore(in: folder, key: key)
            folder.appendPathComponent(name)
            key = key.isEmpty ? name : key + "/" + name
        }
    }
}
