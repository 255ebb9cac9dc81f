import Corpus
import Foundation
import ProvenanceTestSupport
import Testing

/// gitignore(5)'s rules, one row each, and a walk over a tree with nested `.gitignore` files.
@Suite struct GitIgnoreTests {
    /// (patterns, path relative to the file's folder, is a folder, expected verdict: ignored, re-included or no match).
    static let rules: [(String, String, Bool, Bool?)] = [
        // Blank lines and comments match nothing; `\#` is a literal `#`.
        ("\n# build\n", "build", false, nil),
        ("\\#notes", "#notes", false, true),
        // A name without a slash matches at any depth, files and folders alike.
        ("*.log", "debug.log", false, true),
        ("*.log", "a/b/debug.log", false, true),
        ("*.log", "debug.log.txt", false, nil),
        ("build", "src/build", true, true),
        // A trailing slash matches folders only.
        ("build/", "build", true, true),
        ("build/", "build", false, nil),
        // A leading or middle slash anchors to the file's folder.
        ("/todo.py", "todo.py", false, true),
        ("/todo.py", "src/todo.py", false, nil),
        ("doc/frotz", "doc/frotz", false, true),
        ("doc/frotz", "a/doc/frotz", false, nil),
        // `*` and `?` stay within a segment.
        ("src/*.py", "src/app.py", false, true),
        ("src/*.py", "src/sub/app.py", false, nil),
        ("file?.py", "file1.py", false, true),
        ("file?.py", "file10.py", false, nil),
        ("a?b", "a/b", false, nil),
        // `**`: leading, middle, trailing; other runs of stars are plain stars.
        ("**/cache", "cache", true, true),
        ("**/cache", "x/y/cache", true, true),
        ("a/**/b", "a/b", false, true),
        ("a/**/b", "a/x/y/b", false, true),
        ("a/**/b", "ab", false, nil),
        ("logs/**", "logs/2024/jan.txt", false, true),
        ("logs/**", "logs", true, nil),
        ("x**y", "xay", false, true),
        ("x**y", "xa/y", false, nil),
        // Character classes.
        ("[Tt]emp", "temp", false, true),
        ("[Tt]emp", "Temp", false, true),
        ("[!a-c]x", "dx", false, true),
        ("[!a-c]x", "bx", false, nil),
        ("[unclosed", "[unclosed", false, true),
        // `!` re-includes; the last matching pattern wins; `\!` is a literal `!`.
        ("*.log\n!keep.log", "keep.log", false, false),
        ("*.log\n!keep.log", "other.log", false, true),
        ("!keep.log\n*.log", "keep.log", false, true),
        ("\\!important", "!important", false, true),
        // Trailing spaces are dropped unless escaped; CRLF files work.
        ("trail   ", "trail", false, true),
        ("space\\ ", "space ", false, true),
        ("space\\ ", "space", false, nil),
        ("crlf.txt\r\nother\r\n", "crlf.txt", false, true),
        // Escaped glob characters are literal.
        ("\\*.py", "*.py", false, true),
        ("\\*.py", "a.py", false, nil),
    ]

    @Test("gitignore pattern rules", arguments: rules.indices)
    func rule(_ row: Int) {
        let (patterns, path, isDirectory, expected) = Self.rules[row]
        #expect(GitIgnore(patterns).verdict(for: path, isDirectory: isDirectory) == expected, "\(patterns.debugDescription) on \(path)")
    }

    @Test("a deeper .gitignore overrides a higher one, relative to its own folder")
    func nestedFiles() {
        var tree = GitIgnoreTree()
        tree.add(GitIgnore("*.gen.py\n/top-only.py\n"), folder: "")
        tree.add(GitIgnore("!keep.gen.py\n/local.py\n"), folder: "src")
        #expect(tree.isIgnored("a.gen.py", isDirectory: false))
        #expect(tree.isIgnored("src/deep/b.gen.py", isDirectory: false))
        #expect(!tree.isIgnored("src/keep.gen.py", isDirectory: false))
        #expect(tree.isIgnored("top-only.py", isDirectory: false))
        #expect(!tree.isIgnored("src/top-only.py", isDirectory: false))
        #expect(tree.isIgnored("src/local.py", isDirectory: false))
        #expect(!tree.isIgnored("local.py", isDirectory: false))
        #expect(!tree.isIgnored("src/main.py", isDirectory: false))
    }

    @Test("the walker skips .git, ignored files and folders, and applies the .gitignore above its root")
    func walkerHonoursGitIgnore() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")
        try folder.write(".git/info/exclude", "secret.py\n")
        try folder.write(".gitignore", "build/\n*.tmp.py\n")
        try folder.write("app/.gitignore", "/generated/\n!keep.tmp.py\n")
        for path in [
            "app/main.py", "app/keep.tmp.py", "app/drop.tmp.py", "app/generated/x.py", "app/sub/generated/y.py",
            "app/build/z.py", "app/secret.py", "top.py",
        ] {
            try folder.write(path, "x = 1\n")
        }
        func walk(_ root: URL) -> [String] {
            let walker = DirectoryWalker(root: root, includeVendored: true, honoursGitIgnore: true)
            var paths: [String] = []
            while let entry = walker.next() { paths.append(entry.relativePath) }
            return paths
        }
        #expect(walk(folder.url) == [
            ".gitignore", "app/.gitignore", "app/keep.tmp.py", "app/main.py", "app/sub/generated/y.py", "top.py",
        ])
        // Walking a subfolder still applies the checkout's root .gitignore and info/exclude.
        #expect(walk(folder.url.appendingPathComponent("app")) == [".gitignore", "keep.tmp.py", "main.py", "sub/generated/y.py"])
        let plain = DirectoryWalker(root: folder.url, includeVendored: true)
        var all = 0
        while plain.next() != nil { all += 1 }
        #expect(all == 10, "without honoursGitIgnore every file but .git's is listed")
    }
}
