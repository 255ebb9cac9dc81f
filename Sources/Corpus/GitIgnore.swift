/// The patterns of one `.gitignore` file, matched the way git matches them.
///
/// Rules (gitignore(5)): blank lines and `#` comments match nothing; trailing spaces are
/// dropped unless escaped with `\`; `!` re-includes what an earlier pattern excluded; a
/// trailing `/` matches folders only; a pattern with a `/` at its start or in its middle
/// is anchored to the `.gitignore`'s folder, any other matches a name at any depth; `*`
/// and `?` match within one path segment, `[a-z]`/`[!a-z]` one character of a class;
/// `**/` matches any number of folders (none included), a trailing `/**` everything
/// inside; `\` escapes the next character. Within one file the last matching pattern
/// decides.
///
/// ```swift
/// let ignore = GitIgnore("build/\n*.log\n!keep.log\n")
/// ignore.verdict(for: "src/debug.log", isDirectory: false)  // true: ignored
/// ignore.verdict(for: "keep.log", isDirectory: false)       // false: re-included
/// ignore.verdict(for: "src/main.py", isDirectory: false)    // nil: no pattern matches
/// ```
public struct GitIgnore: Sendable {
    private let patterns: [GitIgnorePattern]

    /// Parses a `.gitignore` file's text (LF or CRLF lines).
    public init(_ text: String) {
        // `\r\n` is one Character, so splitting on newlines handles CRLF files too.
        patterns = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).compactMap(GitIgnorePattern.init)
    }

    /// Whether the patterns ignore `relativePath` (relative to this file's folder, `/`-separated):
    /// `true` ignored, `false` re-included by a `!` pattern, `nil` when no pattern matches.
    public func verdict(for relativePath: String, isDirectory: Bool) -> Bool? {
        let path = Array(relativePath.unicodeScalars)
        let name = path.lastIndex(of: "/").map { Array(path[($0 + 1)...]) } ?? path
        for pattern in patterns.reversed() where pattern.matches(path: path, name: name, isDirectory: isDirectory) {
            return !pattern.negated
        }
        return nil
    }
}

/// The `.gitignore` files of a tree, by folder: the deeper file's verdict wins (gitignore(5)).
public struct GitIgnoreTree: Sendable {
    /// Rules by folder, relative to the tree's top (`""` for the top itself), in the order added.
    private var files: [String: [GitIgnore]] = [:]

    public init() {}

    /// Adds the rules of the `.gitignore` in `folder` (relative to the top, `""` for the top).
    /// Rules added later for the same folder win over earlier ones (`.gitignore` over `.git/info/exclude`).
    public mutating func add(_ gitIgnore: GitIgnore, folder: String) {
        files[folder, default: []].append(gitIgnore)
    }

    /// Whether `path` (relative to the top) is ignored by the rules of the folders above it.
    ///
    /// A path inside an ignored folder is never asked about: walkers do not descend
    /// into ignored folders, as git does not, so a `!` pattern cannot bring it back.
    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        var folder = path
        while true {
            folder = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
            let relative = folder.isEmpty ? path : String(path.dropFirst(folder.count + 1))
            for rules in (files[folder] ?? []).reversed() {
                if let verdict = rules.verdict(for: relative, isDirectory: isDirectory) { return verdict }
            }
            if folder.isEmpty { return false }
        }
    }
}

// MARK: - Patterns

/// One pattern line of a `.gitignore`, compiled to pieces.
struct GitIgnorePattern: Sendable {
    enum Piece: Sendable, Equatable {
        case literal(Unicode.Scalar)
        /// `?`: one character other than `/`.
        case anyCharacter
        /// `*`: any run of characters other than `/`.
        case anyRun
        /// `**/`: nothing, or any run of whole folders (`a/`, `a/b/`).
        case anyFolders
        /// A trailing `**`: everything.
        case anything
        /// `[…]`: one character (not `/`) in (or, negated, not in) the ranges.
        case characterClass(ranges: [ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    let pieces: [Piece]
    let negated: Bool
    let directoryOnly: Bool
    /// Matched against the path relative to the `.gitignore`'s folder, not just the name.
    let anchored: Bool

    /// Compiles one line; `nil` for blank lines and comments.
    init?(_ line: Substring) {
        var text = Array(line.unicodeScalars)
        // Trailing spaces go, unless the last one is escaped.
        while text.last == " ", !(text.count >= 2 && text[text.count - 2] == "\\") { text.removeLast() }
        guard let first = text.first, first != "#" else { return nil }
        negated = first == "!"
        if negated { text.removeFirst() }
        directoryOnly = text.last == "/" && !(text.count >= 2 && text[text.count - 2] == "\\")
        if directoryOnly { text.removeLast() }
        guard !text.isEmpty else { return nil }
        anchored = text.contains("/")
        if text.first == "/" { text.removeFirst() }
        pieces = Self.compile(text)
        guard !pieces.isEmpty else { return nil }
    }

    /// Turns pattern characters into pieces, resolving escapes, classes and `**`.
    static func compile(_ text: [Unicode.Scalar]) -> [Piece] {
        var pieces: [Piece] = []
        var index = 0
        while index < text.count {
            let scalar = text[index]
            switch scalar {
            case "\\":
                if index + 1 < text.count { pieces.append(.literal(text[index + 1])) }
                index += 2
            case "?":
                pieces.append(.anyCharacter)
                index += 1
            case "*":
                var end = index
                while end < text.count, text[end] == "*" { end += 1 }
                let wholeSegment = (index == 0 || text[index - 1] == "/") && (end == text.count || text[end] == "/")
                if end - index >= 2, wholeSegment {
                    pieces.append(end == text.count ? .anything : .anyFolders)
                    index = end == text.count ? end : end + 1
                } else {
                    pieces.append(.anyRun)
                    index = end
                }
            case "[":
                if let (piece, next) = characterClass(text, from: index) {
                    pieces.append(piece)
                    index = next
                } else {
                    pieces.append(.literal("["))
                    index += 1
                }
            default:
                pieces.append(.literal(scalar))
                index += 1
            }
        }
        return pieces
    }

    /// Parses `[…]` starting at `start`; `nil` when it never closes (then `[` is literal).
    private static func characterClass(_ text: [Unicode.Scalar], from start: Int) -> (Piece, Int)? {
        var index = start + 1
        let negated = index < text.count && (text[index] == "!" || text[index] == "^")
        if negated { index += 1 }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while index < text.count {
            var scalar = text[index]
            if scalar == "]" && !first { return (.characterClass(ranges: ranges, negated: negated), index + 1) }
            first = false
            if scalar == "\\", index + 1 < text.count {
                index += 1
                scalar = text[index]
            }
            if index + 2 < text.count, text[index + 1] == "-", text[index + 2] != "]" {
                let upper = text[index + 2]
                if scalar <= upper { ranges.append(scalar...upper) }
                index += 3
            } else {
                ranges.append(scalar...scalar)
                index += 1
            }
        }
        return nil
    }

    /// Whether the pattern matches a path (relative to its `.gitignore`'s folder) whose last segment is `name`.
    func matches(path: [Unicode.Scalar], name: [Unicode.Scalar], isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        var matcher = GlobMatcher(pieces: pieces, text: anchored ? path : name)
        return matcher.matches()
    }
}

/// Matches pieces against a text by memoised backtracking: O(pieces × text) at worst.
private struct GlobMatcher {
    let pieces: [GitIgnorePattern.Piece]
    let text: [Unicode.Scalar]
    /// 0 unknown, 1 matches, 2 does not; indexed by piece × (text.count + 1) + position.
    private var memo: [UInt8]

    init(pieces: [GitIgnorePattern.Piece], text: [Unicode.Scalar]) {
        self.pieces = pieces
        self.text = text
        memo = Array(repeating: 0, count: (pieces.count + 1) * (text.count + 1))
    }

    mutating func matches() -> Bool { matches(piece: 0, at: 0) }

    private mutating func matches(piece: Int, at position: Int) -> Bool {
        if piece == pieces.count { return position == text.count }
        let key = piece * (text.count + 1) + position
        if memo[key] != 0 { return memo[key] == 1 }
        let result = compute(piece: piece, at: position)
        memo[key] = result ? 1 : 2
        return result
    }

    private mutating func compute(piece: Int, at position: Int) -> Bool {
        let atEnd = position == text.count
        switch pieces[piece] {
        case .literal(let scalar):
            return !atEnd && text[position] == scalar && matches(piece: piece + 1, at: position + 1)
        case .anyCharacter:
            return !atEnd && text[position] != "/" && matches(piece: piece + 1, at: position + 1)
        case .characterClass(let ranges, let negated):
            guard !atEnd, text[position] != "/" else { return false }
            let inClass = ranges.contains { $0.contains(text[position]) }
            return inClass != negated && matches(piece: piece + 1, at: position + 1)
        case .anyRun:
            var end = position
            while true {
                if matches(piece: piece + 1, at: end) { return true }
                guard end < text.count, text[end] != "/" else { return false }
                end += 1
            }
        case .anyFolders:
            if matches(piece: piece + 1, at: position) { return true }
            for end in position..<text.count where text[end] == "/" {
                if matches(piece: piece + 1, at: end + 1) { return true }
            }
            return false
        case .anything:
            return (position...text.count).contains { matches(piece: piece + 1, at: $0) }
        }
    }
}
