import ProvenanceCore

extension Language {
    /// The lexer for files in this language.
    ///
    /// Python, Java and JavaScript (the SantaCoder training languages) have their
    /// own lexers; TypeScript shares JavaScript's, whose rules it extends; every
    /// other language gets the generic lexer, set up by its comment syntax.
    ///
    /// ```swift
    /// let tokens = Language(path: "app.py").lexer.tokens(in: "def f(): pass")
    /// ```
    public var lexer: any CodeLexer {
        switch self {
        case .python: PythonLexer()
        case .java: JavaLexer()
        case .javascript, .typescript: JavaScriptLexer(language: self)
        default: GenericLexer(language: self)
        }
    }
}
