/// A programming language as Provenance tells them apart: by file extension or by name.
///
/// Python, Java and JavaScript have their own lexers (the SantaCoder training
/// languages); every other language is lexed by the generic lexer, which only
/// needs to know the language's comment syntax.
///
/// ```swift
/// Language(fileExtension: "py")  // .python
/// Language(name: "JS")           // .javascript
/// Language.c.commentSyntax       // line "//", block "/*" … "*/"
/// ```
public enum Language: String, CaseIterable, Sendable, Codable, Hashable {
    case python, java, javascript, typescript
    case c, cpp, csharp, go, rust, swift, kotlin, scala, php
    case ruby, shell, perl, r, yaml
    case sql, lua, haskell
    /// Anything else: lexed with C-family comments.
    case other

    /// The language a file extension (without the dot, any case) names, if known.
    public init?(fileExtension: String) {
        guard let language = Self.byExtension[fileExtension.lowercased()] else { return nil }
        self = language
    }

    /// The language for a path, from its extension; `.other` when unknown.
    public init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            self = .other
            return
        }
        self = Language(fileExtension: String(name[name.index(after: dot)...])) ?? .other
    }

    /// The language a name or common alias (`"py"`, `"JavaScript"`, `"c++"`) stands for.
    public init?(name: String) {
        let key = name.lowercased()
        if let language = Language(rawValue: key) ?? Self.byAlias[key] ?? Self.byExtension[key] {
            self = language
        } else {
            return nil
        }
    }

    /// How comments are written in this language.
    public var commentSyntax: CommentSyntax {
        switch self {
        case .python, .ruby, .shell, .perl, .r, .yaml:
            return CommentSyntax(line: "#", block: nil)
        case .sql, .lua, .haskell:
            return CommentSyntax(line: "--", block: nil)
        case .php:
            return CommentSyntax(line: "//", block: ("/*", "*/"), alsoLine: "#")
        default:
            return CommentSyntax(line: "//", block: ("/*", "*/"))
        }
    }

    private static let byExtension: [String: Language] = [
        "py": .python, "pyi": .python, "pyw": .python,
        "java": .java,
        "js": .javascript, "mjs": .javascript, "cjs": .javascript, "jsx": .javascript,
        "ts": .typescript, "tsx": .typescript, "mts": .typescript, "cts": .typescript,
        "c": .c, "h": .c,
        "cc": .cpp, "cpp": .cpp, "cxx": .cpp, "hpp": .cpp, "hh": .cpp, "hxx": .cpp,
        "cs": .csharp, "go": .go, "rs": .rust, "swift": .swift,
        "kt": .kotlin, "kts": .kotlin, "scala": .scala, "php": .php,
        "rb": .ruby, "sh": .shell, "bash": .shell, "zsh": .shell,
        "pl": .perl, "pm": .perl, "r": .r, "yml": .yaml, "yaml": .yaml,
        "sql": .sql, "lua": .lua, "hs": .haskell,
    ]

    private static let byAlias: [String: Language] = [
        "js": .javascript, "node": .javascript, "ecmascript": .javascript,
        "c++": .cpp, "c#": .csharp, "golang": .go, "bash": .shell, "sh": .shell,
        "python3": .python, "py": .python,
    ]
}
