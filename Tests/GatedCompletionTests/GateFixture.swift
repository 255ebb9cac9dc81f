import GatedCompletion
import IndexStore
import Matching
import ProvenanceTestSupport
import Reporting

/// A corpus with one MIT and one GPL-3.0 function of generated Python, and code that is in neither.
struct GateCorpus {
    let index: TestIndex
    /// In `acme/tools` `tools/core.py` (MIT), starting at `mitLine`.
    let mitFunction: String
    let mitLine: Int
    /// In `copyleft/solver` `solver/engine.py` (GPL-3.0-only), starting at `gplLine`.
    let gplFunction: String
    let gplLine: Int

    init() throws {
        var generator = CodeGenerator(seed: 2024)
        let mitBefore = generator.pythonModule(functions: 2)
        mitFunction = generator.pythonFunction(statements: 16)
        let gplBefore = generator.pythonModule(functions: 3)
        gplFunction = generator.pythonFunction(statements: 16)
        mitLine = Self.lineCount(mitBefore) + 3
        gplLine = Self.lineCount(gplBefore) + 3
        index = try TestIndexBuilder()
            .repo("acme/tools", license: "MIT", stars: 50, files: ["tools/core.py": mitBefore + "\n\n" + mitFunction + "\n\n" + generator.pythonModule(functions: 2)])
            .repo("copyleft/solver", license: "GPL-3.0-only", stars: 20, files: ["solver/engine.py": gplBefore + "\n\n" + gplFunction])
            .repo("other/noise", license: "Apache-2.0", stars: 5, files: ["noise.py": generator.pythonModule(functions: 4)])
            .build()
    }

    /// Python code in no corpus file.
    static func novel(seed: UInt64, functions: Int = 1) -> String {
        var generator = CodeGenerator(seed: seed)
        return generator.pythonModule(functions: functions)
    }

    /// Lines of `text`, counting a last line without a newline.
    static func lineCount(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
    }

    /// `text`'s lines, each with its newline.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map { $0 + "\n" }
    }

    func matcher() throws -> Matcher {
        Matcher(index: try IndexReader(path: index.path))
    }
}

/// Runs `body` with a gate over `corpus` whose backend is a scripted server.
func withScriptedGate<T>(
    _ corpus: GateCorpus, _ replies: [ScriptedCompletionServer.Reply], format: FIMFormat = .none,
    options: CompletionGate.Options = .default, timeout: Duration = .seconds(60),
    _ body: (ScriptedCompletionServer, CompletionGate) async throws -> T
) async throws -> T {
    let matcher = try corpus.matcher()
    return try await withScriptedBackend(replies, timeout: timeout) { server, backend in
        try await body(server, CompletionGate(backend: backend, matcher: matcher, policy: .default, format: format, options: options))
    }
}
