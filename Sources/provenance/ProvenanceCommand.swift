import ArgumentParser
import Foundation
import ProvenanceCore

/// The `provenance` command: parse, dispatch to a subcommand, print.
///
/// Exit codes (DESIGN.md): 0 nothing blocked, 1 the policy blocked something,
/// 2 usage or input error, with a one-line message naming the problem.
@main
struct ProvenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenance",
        abstract: "Finds code copied from a permissive-license corpus and reports its source and license.",
        version: ProvenanceVersion.current,
        subcommands: [Check.self, Annotate.self, Lex.self, Fingerprint.self, Index.self, Serve.self, Complete.self, Bench.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    /// Exits for `error`: help and explicit exit codes as ArgumentParser does them,
    /// everything else as a one-line message on standard error and status 2.
    private static func exit(reporting error: any Error) -> Never {
        if error is ExitCode || exitCode(for: error) == .success {
            exit(withError: error)
        }
        let message = (error as? CommandFailure)?.description ?? message(for: error)
        let line = message.split(separator: "\n").first.map(String.init) ?? "failed"
        FileHandle.standardError.write(Data("provenance: \(line)\n".utf8))
        Foundation.exit(2)
    }
}
