import ArgumentParser
import CodeLexing
import Fingerprinting
import Foundation
import ProvenanceCore

extension ProvenanceCommand {
    /// `provenance fingerprint FILE`: prints the winnowed fingerprints and MinHash band keys of a file.
    struct Fingerprint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a file's winnowed fingerprints (both views) and its MinHash band keys.")

        @OptionGroup var source: SourceFileOptions
        @OptionGroup var parameters: FingerprintOptions

        func run() async throws {
            let bytes = try source.readBytes()
            let fingerprinter = Fingerprinter(parameters: parameters.resolved)
            let language = source.resolvedLanguage
            var output = ""
            bytes.withUnsafeBufferPointer { buffer in
                let tokens = language.lexer.tokens(in: buffer)
                let prints = fingerprinter.fingerprints(of: tokens, in: buffer)
                let p = fingerprinter.parameters
                output += "\(source.file): \(language.rawValue), \(bytes.count) bytes, \(tokens.count) tokens; "
                output += "k=\(p.k) w=\(p.w) (any shared run of \(p.guaranteedMatchLength) tokens shares a fingerprint)\n"
                for view in TokenView.allCases {
                    let list = prints.fingerprints(in: view)
                    output += "\(view.name): \(list.count) fingerprints\n"
                    for print in list {
                        let token = tokens[Int(print.position)]
                        output += "  \(hex(print.hash))  token \(print.position)  \(token.line):\(token.column)\n"
                    }
                }
                let keys = fingerprinter.bands.keys(of: prints.signature)
                output += "minhash: \(prints.signature.values.count) permutations, "
                output += "\(fingerprinter.bands.bands) bands × \(fingerprinter.bands.rows) rows for Jaccard ≥ \(p.jaccardThreshold)\n"
                for (band, key) in keys.enumerated() { output += "  band \(band)  \(hex(key))\n" }
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }

        private func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
