import Foundation

/// What a git checkout says about itself: where it came from and which commit it is.
public struct GitMetadata: Sendable, Equatable {
    /// `owner/name` from the `origin` remote.
    public var repositoryName: String?
    /// The remote as an `https://` address, without credentials.
    public var url: String?
    /// `git rev-parse HEAD`.
    public var revision: String?

    /// True when `root` holds `.git` (a folder, or a file in linked worktrees and submodules).
    public static func isCheckout(_ root: URL) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path)
    }

    /// Asks git about the checkout at `root`; `nil` fields where git or the remote is missing.
    public static func read(_ root: URL) -> GitMetadata {
        // safe.directory: a checkout owned by another user is still ours to read.
        func git(_ arguments: String...) -> String? {
            let base = ["-c", "safe.directory=\(root.path)", "-C", root.path]
            guard let result = try? ToolRunner.run("git", base + arguments), result.succeeded else { return nil }
            let output = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            return output.isEmpty ? nil : output
        }
        let remote = git("config", "--get", "remote.origin.url").flatMap(normalizeRemote)
        return GitMetadata(repositoryName: remote?.name, url: remote?.url, revision: git("rev-parse", "HEAD"))
    }

    /// `git@host:o/n.git`, `ssh://git@host:22/o/n.git` and `https://user:token@host/o/n.git`
    /// all become name `o/n` and URL `https://host/o/n`. A local path remote gets a
    /// name from its last components and no URL.
    public static func normalizeRemote(_ remote: String) -> (name: String, url: String?)? {
        var text = remote.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        var host: String?
        if let scheme = text.range(of: "://") {
            let isLocal = text[..<scheme.lowerBound].lowercased() == "file"
            text = String(text[scheme.upperBound...])
            let slash = text.firstIndex(of: "/") ?? text.endIndex
            if !isLocal { host = String(text[..<slash]) }
            text = String(text[slash...])
        } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            host = String(text[..<colon])  // scp-like syntax: [user@]host:path
            text = String(text[text.index(after: colon)...])
        }
        if let at = host?.lastIndex(of: "@") { host = String(host![host!.index(after: at)...]) }
        if let colon = host?.firstIndex(of: ":") { host = String(host![..<colon]) }  // a port
        var path = text.split(separator: "/").map(String.init)
        if let last = path.last, last.hasSuffix(".git") { path[path.count - 1] = String(last.dropLast(4)) }
        path.removeAll(where: \.isEmpty)
        guard !path.isEmpty else { return nil }
        let name = path.suffix(2).joined(separator: "/")
        let url = host.map { "https://\($0)/" + path.joined(separator: "/") }
        return (name, url)
    }
}
