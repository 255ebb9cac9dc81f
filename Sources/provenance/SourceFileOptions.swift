import ArgumentParser
import Foundation
import ProvenanceCore

/// A source file to read and the language to read it as: shared by `lex`, `fingerprint` and `annotate`.
struct SourceFileOptions: ParsableArguments {
    @Argument(help: "The source file to read, or - for standard input.")
    var file: String

    @Option(name: .shortAndLong, help: "The language (python, java, javascript, c, go, sql, …); by default from the file extension.")
    var language: String?

    func validate() throws {
        if let language, Language(name: language) == nil {
            throw ValidationError("unknown language '\(language)'; known: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The language to lex the file as.
    var resolvedLanguage: Language {
        language.flatMap { Language(name: $0) } ?? Language(path: file)
    }

    /// The file's bytes, exactly as stored (no decoding: lexers take any bytes).
    func readBytes() throws -> [UInt8] {
        if file == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw CommandFailure("no such file: \(file)")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("\(file) is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("cannot read \(file)")
        }
        return Array(data)
    }
}
