import CodeLexing
import ProvenanceCore
import Testing

/// Which lexer each language gets.
@Suite struct LanguageLexerTests {
    @Test(arguments: Language.allCases)
    func lexerReadsItsLanguage(_ language: Language) {
        #expect(language.lexer.language == language)
    }

    @Test(arguments: [
        (Language.python, "PythonLexer"),
        (.java, "JavaLexer"),
        (.javascript, "JavaScriptLexer"),
        (.typescript, "JavaScriptLexer"),
        (.c, "GenericLexer"),
        (.shell, "GenericLexer"),
        (.sql, "GenericLexer"),
        (.other, "GenericLexer"),
    ])
    func ownLexersForTheTrainingLanguages(_ language: Language, _ lexerName: String) {
        #expect("\(type(of: language.lexer))" == lexerName)
    }

    /// The generic lexer skips exactly the comments `commentSyntax` names.
    @Test(arguments: [
        (Language.c, "a // b\nc /* d */ e # f", ["a", "c", "e", "#", "f"]),
        (.ruby, "a // b\nc # d", ["a", "/", "/", "b", "c"]),
        (.lua, "a -- b\nc // d", ["a", "c", "/", "/", "d"]),
        (.php, "a # b\nc // d\ne /* f */", ["a", "c", "e"]),
    ])
    func genericLexerFollowsCommentSyntax(_ language: Language, _ source: String, _ texts: [String]) {
        let bytes = Array(source.utf8)
        let tokens = language.lexer.tokens(in: bytes)
        #expect(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) } == texts)
    }
}
