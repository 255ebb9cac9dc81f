import ArgumentParser
import CodeLexing
import Foundation
import ProvenanceCore

extension ProvenanceCommand {
    /// `provenance lex FILE`: prints a file's tokens, one per line.
    struct Lex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a file's tokens: kind, line:column and text.")

        @OptionGroup var source: SourceFileOptions

        func run() async throws {
            let bytes = try source.readBytes()
            let lexer = source.resolvedLanguage.lexer
            var output = ""
            bytes.withUnsafeBufferPointer { buffer in
                for token in lexer.tokens(in: buffer) {
                    output += "\(token.kind.name)\t\(token.line):\(token.column)\t\(TokenText.escaped(token, in: buffer))\n"
                    if output.utf8.count >= 1 << 16 {
                        FileHandle.standardOutput.write(Data(output.utf8))
                        output = ""
                    }
                }
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}
