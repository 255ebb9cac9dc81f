import ArgumentParser
import Foundation
import ProvenanceServer

extension ProvenanceCommand {
    /// `provenance serve`: the HTTP API and web page over an index, until SIGINT or SIGTERM.
    struct Serve: AsyncParsableCommand, ServerArguments {
        static let configuration = CommandConfiguration(
            abstract: "Serve the attribution API and the web page over an index (opened read-only).",
            discussion: """
                Routes: GET / (web page), POST /v1/attributions, GET /v1/sources/{fileId}, GET /v1/index, \
                GET /healthz, GET /metrics, GET /openapi.json. With --api-key-file, every /v1 route needs \
                `Authorization: Bearer KEY`. Stops gracefully on SIGINT or SIGTERM.
                """)

        @OptionGroup var attribution: AttributionOptions

        @Option(help: "The address to listen on; 127.0.0.1 keeps the server off the network.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port; the address is printed on standard error).")
        var port = 8080

        @Option(help: "A file whose first line is the API key every /v1 request must send as `Authorization: Bearer KEY`.")
        var apiKeyFile: String?

        @Option(help: "The largest request body, in bytes.")
        var maxBodyBytes = ServerLimits.default.maxBodyBytes

        @Option(help: "The most tokens one attribution request's code may have.")
        var maxTokens = ServerLimits.default.maxTokens

        @Option(help: "Attribution requests in flight at once (matching or queued); more are answered 503 with Retry-After.")
        var maxConcurrent = ServerLimits.default.maxConcurrentAttributions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            for (name, value) in [("--max-body-bytes", maxBodyBytes), ("--max-tokens", maxTokens), ("--max-concurrent", maxConcurrent)]
            where value < 1 {
                throw ValidationError("\(name) must be at least 1")
            }
        }

        var databasePath: String { attribution.database }
        var policyPath: String? { attribution.policy }
        var minTokens: Int? { attribution.minTokens }
        var limits: ServerLimits {
            var limits = ServerLimits.default
            limits.maxBodyBytes = maxBodyBytes
            limits.maxTokens = maxTokens
            limits.maxConcurrentAttributions = maxConcurrent
            return limits
        }

        func run() async throws {
            try await runServer(self) { address in
                FileHandle.standardError.write(Data("provenance serve: listening on \(address) (index \(databasePath))\n".utf8))
            }
        }
    }
}
