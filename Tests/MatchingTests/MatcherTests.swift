import Foundation
import IndexStore
import Matching
import ProvenanceCore
import ProvenanceTestSupport
import Testing

/// The query path end to end over generated corpora: what is found, with which lines and source.
struct MatcherTests {
    /// A corpus of three repositories of generated Python; `target` is the function queries copy.
    struct Corpus {
        let index: TestIndex
        let target: String
        /// Line of `target`'s `def` in its corpus file.
        let targetLine: Int

        init(extraRepos: (TestIndexBuilder) -> TestIndexBuilder = { $0 }) throws {
            var generator = CodeGenerator(seed: 42)
            let before = generator.pythonModule(functions: 3)
            target = generator.pythonFunction(statements: 14)
            let after = generator.pythonModule(functions: 3)
            targetLine = before.split(separator: "\n", omittingEmptySubsequences: false).count + 2
            let builder = TestIndexBuilder()
                .repo("acme/tools", license: "MIT", stars: 50, files: ["tools/core.py": before + "\n\n" + target + "\n\n" + after])
                .repo("other/noise", license: "Apache-2.0", stars: 5, files: ["noise.py": generator.pythonModule(functions: 6)])
            index = try extraRepos(builder).build()
        }

        func match(_ code: String, options: MatchOptions = .default) throws -> MatchReport {
            try Matcher(index: IndexReader(path: index.path), options: options).match(Array(code.utf8), language: .python)
        }
    }

    @Test("an exact copy, re-indented with comments added, is found with its lines on both sides")
    func exactReformatted() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        let reformatted = corpus.target.split(separator: "\n").map { line in
            line.replacingOccurrences(of: "    ", with: "\t") + "  # tweak"
        }.joined(separator: "\n")
        let marked = MarkedText("import os\n\n⟦" + reformatted + "⟧\n\nprint('done')\n")
        let report = try corpus.match(marked.text)
        let match = try #require(report.matches.first)
        #expect(report.matches.count == 1)
        #expect(match.kind == .exact)
        #expect(match.query.startLine == marked.spans[0].lowerBound && match.query.endLine == marked.spans[0].upperBound)
        #expect(match.source.repo == "acme/tools" && match.source.path == "tools/core.py")
        #expect(match.source.license == License("MIT"))
        let targetLines = corpus.target.split(separator: "\n").count
        #expect(match.sourceLines == LineRange(startLine: corpus.targetLine, endLine: corpus.targetLine + targetLines - 1))
    }

    @Test("a copy across the frames a large stored file is compressed in is found with its lines, each frame decompressed or not")
    func largeFile() throws {
        var generator = CodeGenerator(seed: 9)
        let large = generator.pythonModule(functions: 90)
        let lines = large.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(large.utf8.count > 4 * ContentCompression.frameSize)
        let index = try TestIndexBuilder()
            .repo("acme/large", files: ["large.py": large])
            .repo("other/noise", files: ["noise.py": generator.pythonModule(functions: 6)])
            .build()
        defer { index.remove() }
        let matcher = Matcher(index: try IndexReader(path: index.path))
        // 30 lines around the second and the fourth frame boundary.
        for boundary in [2, 4].map({ $0 * ContentCompression.frameSize }) {
            var offset = 0
            let line = lines.firstIndex { offset += $0.utf8.count + 1; return offset > boundary }! + 1
            let copy = lines[(line - 16)..<(line + 14)].joined(separator: "\n") + "\n"
            let report = try matcher.match(Array(copy.utf8), language: .python)
            let match = try #require(report.matches.first, "a copy of lines \(line - 15)-\(line + 14)")
            #expect(report.matches.count == 1)
            #expect(match.kind == .exact && match.source.repo == "acme/large")
            #expect(match.sourceLines.startLine >= line - 15 && match.sourceLines.startLine <= line - 10)
            #expect(match.sourceLines.endLine <= line + 14 && match.sourceLines.endLine >= line + 10)
            #expect(match.sourceLines.startLine - match.query.startLine == line - 16)
        }
    }

    @Test("a copy that runs on through common code past its seeds is found as far as when every candidate is lexed wide")
    func narrowWindowsWiden() throws {
        var generator = CodeGenerator(seed: 31)
        // A long function in more files than the common cap: its fingerprints are never
        // seeds, so a copy running into it has seeds only in the code before it.
        let common = "def shared_setup(config):\n" + (1...40).map { line in
            "    total_\(line) = compute_\(line % 5)(value_\(line - 1), \(line * 7)) + offset_\(line % 3)\n"
        }.joined()
        let own = generator.pythonFunction(statements: 8)
        var builder = TestIndexBuilder().repo("acme/own", files: ["own.py": own + "\n\n" + common])
        for copy in 0..<30 { builder = builder.repo("boiler/\(copy)", files: ["b.py": generator.pythonFunction() + "\n\n" + common]) }
        let index = try builder.build()
        defer { index.remove() }
        let code = Array((own + "\n\n" + common).utf8)
        var wide = MatchOptions.default
        wide.narrowWindowMargin = wide.windowMargin
        let reader = try IndexReader(path: index.path)
        let expected = try Matcher(index: reader, options: wide).match(code, language: .python)
        let report = try Matcher(index: reader).match(code, language: .python)
        let match = try #require(expected.matches.first { $0.source.repo == "acme/own" })
        let ownLines = own.split(separator: "\n").count
        #expect(match.query.endLine > ownLines + 10, "the run goes on into the common function")
        #expect(report.matches.map(\.query) == expected.matches.map(\.query))
        #expect(report.matches.map(\.sourceLines) == expected.matches.map(\.sourceLines))
        #expect(report.matches.map(\.source.repo) == expected.matches.map(\.source.repo))
    }

    @Test("a reader with resident tables, which skips candidates by their token digests, reports what a plain reader does")
    func residentSameReports() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        var generator = CodeGenerator(seed: 19)
        var lines = corpus.target.split(separator: "\n").map(String.init)
        let exact = "import os\n\n" + corpus.target + "\nprint('done')\n"
        var renamed = corpus.target
        for word in Set(Self.words(in: corpus.target).filter { $0.contains("_") }).sorted().prefix(4) {
            renamed = renamed.replacingOccurrences(of: "\\b\(word)\\b", with: generator.identifier(), options: .regularExpression)
        }
        // Edited so that no run alone is reportable: a statement inserted every three lines.
        for line in stride(from: lines.count - 2, to: 1, by: -3) { lines.insert("    \(generator.identifier()) = None", at: line) }
        let edited = lines.joined(separator: "\n") + "\n"
        let novel = generator.pythonModule(functions: 3)
        // The whole noise file with a line changed: a near-duplicate, found through LSH buckets.
        let nearDuplicate = try #require(try IndexReader(path: corpus.index.path).snapshot { snapshot in
            try snapshot.fileIDs(languages: [.python]).compactMap { try snapshot.file(id: $0) }.first { $0.path == "noise.py" }
                .flatMap { try snapshot.content(id: $0.contentID) }
        }).bytes
        let plain = Matcher(index: try IndexReader(path: corpus.index.path))
        let resident = Matcher(index: try IndexReader(path: corpus.index.path, resident: true))
        let queries = [("exact", exact), ("renamed", renamed), ("edited", edited), ("novel", novel)].map { ($0, Array($1.utf8)) }
            + [("near-duplicate", Array(nearDuplicate.prefix(40)) + Array("# changed\n".utf8) + Array(nearDuplicate.dropFirst(40)))]
        for (name, code) in queries {
            let expected = try plain.match(code, language: .python)
            let report = try resident.match(code, language: .python)
            if name != "novel" { #expect(!expected.matches.isEmpty, "\(name) is found") }
            #expect(report.matches == expected.matches, "\(name)")
            #expect(report.common == expected.common, "\(name)")
            #expect(report.nearDuplicates == expected.nearDuplicates, "\(name)")
        }
        #expect(try !plain.match(queries[4].1, language: .python).nearDuplicates.isEmpty)
    }

    @Test("a copy with renamed identifiers and literals is found as renamed")
    func renamed() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        var renamed = corpus.target
        var generator = CodeGenerator(seed: 7)
        for word in Set(corpus.target.split(whereSeparator: { !$0.isLetter && $0 != "_" }).map(String.init))
        where word.contains("_") {
            renamed = renamed.replacingOccurrences(of: word, with: generator.identifier())
        }
        let report = try corpus.match(renamed)
        let match = try #require(report.matches.first)
        #expect(match.kind == .renamed)
        #expect(match.source.repo == "acme/tools")
        #expect(match.tokens >= 100)
    }

    @Test("a renamed copy with every literal changed is found by the rare names it keeps, not by common ones")
    func renamedKeepingRareNames() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        // Rename each generated name used once (so no renamed name is reused), change
        // every number and string: only the names used more than once are kept.
        let names = Self.words(in: corpus.target).filter { $0.contains("_") }
        let once = Set(names.filter { name in names.count(where: { $0 == name }) == 1 })
        let kept = Set(names).subtracting(once)
        var generator = CodeGenerator(seed: 12)
        var copy = corpus.target
        for name in once { copy = copy.replacingOccurrences(of: "\\b\(name)\\b", with: generator.identifier(), options: .regularExpression) }
        copy = copy.replacingOccurrences(of: "\\b([0-9]+)\\b", with: "1$1", options: .regularExpression)
            .replacingOccurrences(of: "\"([a-z_]+)\"", with: "\"x_$1\"", options: .regularExpression)
        #expect(kept.count >= 3 && once.count >= 3)
        let match = try #require(try corpus.match(copy).matches.first)
        #expect(match.kind == .renamed)
        #expect(match.source.repo == "acme/tools")
        #expect(match.tokens >= 100)

        // The same copy against a corpus where the names it keeps are everyday names (in
        // more than one file in a hundred) is only code of the same shape.
        let everyday = kept.sorted().map { "\($0) = 1" }.joined(separator: "\n") + "\n"
        let common = try Corpus { builder in
            (0..<3).reduce(builder) { $0.repo("users/\($1)", files: ["names.py": "# user \($1)\n" + everyday]) }
        }
        defer { common.index.remove() }
        #expect(try common.match(copy).matches.allSatisfy { $0.kind != .renamed })
    }

    @Test("a renamed copy whose edge lines changed every name and string keeps them when its own strings show it is a copy")
    func renamedEdges() throws {
        var generator = CodeGenerator(seed: 61)
        let names = (0..<20).map { _ in generator.identifier().uppercased() }
        let values = (0..<20).map { _ in generator.identifier() }
        func settings(_ names: [String], _ values: [String]) -> String {
            zip(names, values).map { "\($0) = \"\($1)\"" }.joined(separator: "\n") + "\n"
        }
        let index = try TestIndexBuilder()
            .repo("acme/settings", files: ["conf/settings.py": settings(names, values)])
            .repo("other/noise", files: ["noise.py": generator.pythonModule(functions: 3)])
            .build()
        defer { index.remove() }
        // The first and last three lines change both their name (used once) and their string,
        // so differences sit three tokens apart there; between them every third string changed.
        var copyNames = names, copyValues = values
        for line in [0, 1, 2, 17, 18, 19] {
            copyNames[line] = generator.identifier().uppercased()
            copyValues[line] = generator.identifier()
        }
        for line in stride(from: 5, to: 17, by: 3) { copyValues[line] = generator.identifier() }
        let report = try Matcher(index: IndexReader(path: index.path)).match(Array(settings(copyNames, copyValues).utf8), language: .python)
        let match = try #require(report.matches.first)
        #expect(match.kind == .renamed && match.source.repo == "acme/settings")
        // Only the first and last line, where the copy's own evidence ends, are left out.
        #expect(match.query == LineRange(startLine: 2, endLine: 19), "\(match.query)")
    }

    static func words(in code: String) -> [String] {
        code.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init).filter { $0.first?.isLetter == true }
    }

    @Test("a copy with a few lines inserted and deleted is found as edited")
    func edited() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        var lines = corpus.target.split(separator: "\n").map(String.init)
        lines.insert("    extra_value = 12345", at: lines.count / 3)
        lines.remove(at: 2 * lines.count / 3)
        let report = try corpus.match(lines.joined(separator: "\n"))
        let match = try #require(report.matches.first)
        #expect(report.matches.count == 1)
        #expect(match.kind == .edited)
        #expect(match.explanation.runs >= 2)
        #expect(match.explanation.similarity >= MatchOptions.default.editedSimilarity)
    }

    @Test("an exact copy after code of the same shape is exact, and starts at its own first line")
    func exactAfterSameShape() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        // The last lines of the corpus function before the target, with other names and
        // numbers: the same shape, so the normalized run reaches back into them.
        var generator = CodeGenerator(seed: 42)
        let before = generator.pythonModule(functions: 3).split(separator: "\n").map(String.init)
        var renames = CodeGenerator(seed: 8)
        var lead = before.suffix(3).joined(separator: "\n")
        for word in Set(lead.split(whereSeparator: { !$0.isLetter && $0 != "_" }).map(String.init)) where word.contains("_") {
            lead = lead.replacingOccurrences(of: word, with: renames.identifier())
        }
        lead = "def lead_in(value):\n" + lead.split(separator: "\n").map { "    " + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n") + "\n\n\n"
        let marked = MarkedText(lead + "⟦" + corpus.target + "⟧")
        let match = try #require(try corpus.match(marked.text).matches.first)
        #expect(match.kind == .exact)
        #expect(match.query.startLine == marked.spans[0].lowerBound)
        #expect(match.sourceLines.startLine == corpus.targetLine)
    }

    @Test("novel code and short idioms are not flagged")
    func novelAndIdioms() throws {
        let idioms = "import os\nimport sys\n\n\nif __name__ == \"__main__\":\n    main()\n"
        let corpus = try Corpus { $0.repo("idioms/many", files: ["main.py": idioms]) }
        defer { corpus.index.remove() }
        var generator = CodeGenerator(seed: 999)
        #expect(try corpus.match(generator.pythonModule(functions: 4)).matches.isEmpty)
        #expect(try corpus.match(idioms).matches.isEmpty)
    }

    @Test("a copy of one or two long lines is not flagged, however many tokens it has; three lines are")
    func shortCopies() throws {
        let long = (0..<3).map { line in
            "values_\(line) = [" + (0..<30).map { "alpha_\(line)_\($0) * \($0 + 7)" }.joined(separator: ", ") + "]"
        }
        let corpus = try Corpus { $0.repo("wide/lines", files: ["wide.py": long.joined(separator: "\n") + "\n"]) }
        defer { corpus.index.remove() }
        var generator = CodeGenerator(seed: 3)
        let host = generator.pythonFunction()
        let twoLines = try corpus.match(host + long[0] + "\n" + long[1] + "\n" + host)
        #expect(twoLines.matches.isEmpty, "\(twoLines.matches.map(\.query))")
        let threeLines = try corpus.match(host + long.joined(separator: "\n") + "\n")
        #expect(threeLines.matches.map(\.source.repo) == ["wide/lines"])
    }

    @Test("repetitive code that only shares its shape (import lists, field copies) is not flagged")
    func repetitiveShapes() throws {
        let imports = (0..<20).map { "from pkg_\($0).mod_\($0) import name_\($0)" }.joined(separator: "\n") + "\n"
        let fields = "def __init__(self, " + (0..<12).map { "a\($0)" }.joined(separator: ", ") + "):\n"
            + (0..<12).map { "    self.a\($0) = a\($0)" }.joined(separator: "\n") + "\n"
        let corpus = try Corpus { $0.repo("shapes/lib", files: ["imports.py": imports, "fields.py": fields]) }
        defer { corpus.index.remove() }
        let otherImports = (0..<20).map { "from lib_\($0).part_\($0) import thing_\($0)" }.joined(separator: "\n") + "\n"
        let otherFields = fields.replacingOccurrences(of: "a", with: "b")
        #expect(try corpus.match(otherImports).matches.isEmpty)
        #expect(try corpus.match(otherFields).matches.isEmpty)
    }

    @Test("a span in many repositories is attributed once, to the most starred, with alsoIn")
    func attributionRule() throws {
        let corpus = try Corpus { builder in
            let shared = CodeGenerator(seed: 5).pythonFunctionForCopies()
            return builder
                .repo("small/fork", stars: 1, files: ["copy.py": shared])
                .repo("big/original", stars: 900, files: ["lib/original.py": shared])
                .repo("mid/vendor", stars: 30, files: ["vendor/copy.py": "# vendored\n" + shared])
        }
        defer { corpus.index.remove() }
        let report = try corpus.match(CodeGenerator(seed: 5).pythonFunctionForCopies())
        let match = try #require(report.matches.first)
        #expect(report.matches.count == 1)
        #expect(match.source.repo == "big/original")
        #expect(match.alsoIn == 2)
    }

    @Test("code in more contents than the common cap is never attributed, and shows as common")
    func commonCode() throws {
        let boilerplate = CodeGenerator(seed: 77).pythonFunctionForCopies()
        var builder = TestIndexBuilder()
        builder.commonCap = 3
        var generator = CodeGenerator(seed: 78)
        for copy in 0..<5 {
            builder = builder.repo("boiler/\(copy)", files: ["b.py": generator.pythonFunction() + "\n\n" + boilerplate])
        }
        let index = try builder.build()
        defer { index.remove() }
        let report = try Matcher(index: IndexReader(path: index.path)).match(Array(boilerplate.utf8), language: .python)
        #expect(report.matches.isEmpty)
        #expect(!report.common.isEmpty)
    }

    /// An index of files written to one pattern, file N in repository `prefix/N` with 100 − N
    /// stars, in which every normalized fingerprint they share is common code (cap 3).
    static func patternIndex(_ prefix: String, _ files: [(path: String, code: String)]) throws -> TestIndex {
        var builder = TestIndexBuilder()
        builder.commonCap = 3
        for (number, file) in files.enumerated() {
            builder = builder.repo("\(prefix)/\(number)", stars: 100 - number, files: [file.path: file.code])
        }
        return try builder.build()
    }

    /// A locale table: the same code in every file, with the locale's own words.
    static func localeTable(_ words: [String]) -> String {
        """
        def month_names(style, number):
            table = {
                "long": [\(words[0..<6].map { "\"\($0)\"" }.joined(separator: ", "))],
                "short": [\(words[6..<12].map { "\"\($0)\"" }.joined(separator: ", "))],
            }
            names = table[style]
            if number < 0 or number >= len(names):
                raise ValueError("no month %d" % number)
            return names[number].title()

        """
    }

    @Test("a renamed copy of one of many files of one pattern is found, and attributed to the file whose words it keeps")
    func sharedShape() throws {
        var generator = CodeGenerator(seed: 31)
        let locales = (0..<8).map { _ in (0..<12).map { _ in generator.identifier() } }
        let index = try Self.patternIndex("locales", locales.enumerated().map { ("locale_\($0).py", Self.localeTable($1)) })
        defer { index.remove() }
        var words = locales[5]
        words[1] = "changed"
        words[8] = "altered"
        let copy = Self.localeTable(words)
            .replacingOccurrences(of: "month_names", with: "nombres_mes")
            .replacingOccurrences(of: "names", with: "nombres")
            .replacingOccurrences(of: "number", with: "indice")
        let matcher = try Matcher(index: IndexReader(path: index.path))
        let match = try #require(try matcher.match(Array(copy.utf8), language: .python).matches.first)
        #expect(match.kind == .renamed)
        #expect(match.source.repo == "locales/5", "the most starred file of the pattern is locales/0")
        #expect(match.alsoIn == 0)

        // Without the shared-shape lookup the locale's own strings still find it (`RareNames`);
        // without either, the copy hits only common fingerprints.
        var options = MatchOptions.default
        options.sharedShapeContents = 0
        let byStrings = try Matcher(index: IndexReader(path: index.path), options: options).match(Array(copy.utf8), language: .python)
        #expect(byStrings.matches.map(\.source.repo) == ["locales/5"])
        options.rareNameCandidates = 0
        #expect(try Matcher(index: IndexReader(path: index.path), options: options).match(Array(copy.utf8), language: .python).matches.isEmpty)

        // Another locale of the pattern, not in the corpus, is novel code.
        let novel = Self.localeTable((0..<12).map { _ in generator.identifier() })
        #expect(try matcher.match(Array(novel.utf8), language: .python).matches.isEmpty)
    }

    /// A function written to one template, with its own names (`names[0...8]`) and literals.
    static func templated(_ names: [String], number: Int, word: String) -> String {
        let (f, a, b, c, d, e) = (names[0], names[1], names[2], names[3], names[4], names[5])
        return """
            def \(f)(\(a), \(b)):
                \(c) = \(a).\(names[6])(\(b), \(number))
                if \(c) > \(b):
                    \(d) = [\(c), \(a), "\(word)"]
                else:
                    \(d) = \(names[7])(\(b)) + \(c)
                for \(e) in range(\(c)):
                    \(d).append(\(e) * \(a))
                return \(d), \(names[8])(\(a), \(b))

            """
    }

    @Test("a renamed copy of code whose shape is in too many files to look up is found by the rare names it keeps")
    func rareNames() throws {
        var generator = CodeGenerator(seed: 57)
        let files = (0..<8).map { _ in (0..<9).map { _ in generator.identifier() } }
        let index = try Self.patternIndex("template", files.enumerated().map { ("t\($0).py", Self.templated($1, number: 10 + $0, word: "w\($0)")) })
        defer { index.remove() }
        var names = files[5]
        for renamed in [0, 3, 5, 7] { names[renamed] = generator.identifier() }
        let copy = Self.templated(names, number: 99, word: "other")
        var options = MatchOptions.default
        options.sharedShapeContents = 0  // as for a shape in more files than it looks up
        let match = try #require(try Matcher(index: IndexReader(path: index.path), options: options).match(Array(copy.utf8), language: .python).matches.first)
        #expect(match.kind == .renamed)
        #expect(match.source.repo == "template/5")

        // Another function of the template, with names of its own, holds none of the
        // corpus's rare names: nothing to look up.
        let novel = Self.templated((0..<9).map { _ in generator.identifier() }, number: 7, word: "novel")
        #expect(try Matcher(index: IndexReader(path: index.path), options: options).match(Array(novel.utf8), language: .python).matches.isEmpty)
        options.rareNameCandidates = 0
        #expect(try Matcher(index: IndexReader(path: index.path), options: options).match(Array(copy.utf8), language: .python).matches.isEmpty)
    }

    @Test("an import list that keeps rare names of a corpus file's imports is not a copy; with the declarations after it, it is")
    func importLists() throws {
        var generator = CodeGenerator(seed: 58)
        func header(_ packages: [String], _ classes: [String]) -> String {
            zip(packages, classes).map { "import org.\($0).\($1);" }.joined(separator: "\n") + "\n"
        }
        let files = (0..<6).map { _ in ((0..<10).map { _ in generator.identifier() }, (0..<10).map { _ in generator.identifier() }) }
        let body = { (names: [String]) in "\n@\(names[0])\n@\(names[1])(\(names[2]).\(names[3]))\npublic @interface \(names[4]) {\n}\n" }
        let bodies = (0..<6).map { _ in (0..<5).map { _ in generator.identifier() } }
        var builder = TestIndexBuilder()
        builder.commonCap = 3
        for number in 0..<6 {
            builder = builder.repo("java/\(number)", files: ["A\(number).java": header(files[number].0, files[number].1) + body(bodies[number])])
        }
        let index = try builder.build()
        defer { index.remove() }
        let matcher = try Matcher(index: IndexReader(path: index.path))
        // File 2's imports with every package renamed: its class names are kept, all rare.
        let packages = files[2].0.map { _ in generator.identifier() }
        let imports = header(packages, files[2].1)
        #expect(try matcher.match(Array(imports.utf8), language: .java).matches.isEmpty)
        let withBody = try matcher.match(Array((imports + body(bodies[2])).utf8), language: .java).matches
        #expect(withBody.first?.source.repo == "java/2", "\(withBody)")
    }

    @Test("lines of closing brackets after a two-line copy do not make it three lines")
    func closingBracketLines() throws {
        let long = (0..<2).map { line in
            "    var values\(line) = [" + (0..<30).map { "alpha\(line)x\($0) * \($0 + 7)" }.joined(separator: ", ") + "];"
        }
        let source = "describe('wide', function () {\n" + long.joined(separator: "\n") + "\n});\n"
        let index = try TestIndexBuilder().repo("wide/test", files: ["wide.test.js": source]).build()
        defer { index.remove() }
        let matcher = try Matcher(index: IndexReader(path: index.path))
        var generator = CodeGenerator(seed: 4)
        let host = generator.javaScriptModule(functions: 1)
        let query = host + "\nit('other', function () {\n" + long.joined(separator: "\n") + "\n});\n" + host
        #expect(try matcher.match(Array(query.utf8), language: .javascript).matches.isEmpty)
        var options = MatchOptions.default
        options.minLines = 2
        let twoLines = try Matcher(index: IndexReader(path: index.path), options: options).match(Array(query.utf8), language: .javascript)
        #expect(twoLines.matches.map(\.source.repo) == ["wide/test"], "the copy itself is found when two lines are enough")
    }

    @Test("Java code checked as Python is still found in the Java file, and short runs never trap the aligner")
    func otherLanguage() throws {
        // Python reads Java's keywords (`new`, `public`, `int`) as names: the normalized views
        // differ at every one of them while the exact views agree.
        var generator = CodeGenerator(seed: 88)
        let java = generator.javaClass(methods: 4)
        let index = try TestIndexBuilder().repo("acme/java", files: ["src/Widget.java": java]).build()
        defer { index.remove() }
        let report = try Matcher(index: IndexReader(path: index.path)).match(Array(java.utf8), language: .python)
        let match = try #require(report.matches.first)
        #expect(match.source.path == "src/Widget.java")
        #expect(match.tokens >= 100, "Python tokenizes Java's comments and generics otherwise, but most runs agree")
    }

    @Test("a fragment of a repetitive file is not its near-duplicate, though their shingle sets agree")
    func repetitiveNearDuplicates() throws {
        let functions = (0..<8).map { index in
            "def f\(index)(a, b):\n" + (0..<6).map { "    a = b * \($0 + index) + a" }.joined(separator: "\n") + "\n    return a\n"
        }
        let corpus = try Corpus { $0.repo("same/shape", files: ["shape.py": functions.joined(separator: "\n\n")]) }
        defer { corpus.index.remove() }
        let fragment = try corpus.match(functions.prefix(2).joined(separator: "\n\n"))
        #expect(!fragment.nearDuplicates.contains { $0.source.repo == "same/shape" })
        let whole = try corpus.match(functions.joined(separator: "\n\n") + "\nb = 1\n")
        #expect(whole.nearDuplicates.contains { $0.source.repo == "same/shape" })
    }

    @Test("a whole file that is a near-duplicate is listed with its estimated Jaccard")
    func nearDuplicates() throws {
        let corpus = try Corpus()
        defer { corpus.index.remove() }
        let report = try corpus.match(corpus.target + "\n\nvalue = 1\n")
        #expect(report.nearDuplicates.isEmpty, "one function of a longer file is not a near-duplicate of it")
        var generator = CodeGenerator(seed: 42)
        let whole = generator.pythonModule(functions: 3) + "\n\n" + generator.pythonFunction(statements: 14) + "\n\n"
            + generator.pythonModule(functions: 3)
        let near = try corpus.match(whole + "\nresult = 0\n")
        let duplicate = try #require(near.nearDuplicates.first)
        #expect(duplicate.source.path == "tools/core.py")
        #expect(duplicate.estimatedJaccard >= 0.8)
    }
}

extension CodeGenerator {
    /// A long function for tests that plant the same code in several repositories.
    func pythonFunctionForCopies() -> String {
        var copy = self
        return copy.pythonFunction(statements: 12)
    }
}
