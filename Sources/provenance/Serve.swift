import ArgumentParser
import BigCodeRuntime
import Foundation
import GatedCompletion
import ProvenanceServer

extension ProvenanceCommand {
    /// `provenance serve`: the HTTP API and web page over an index, until SIGINT or SIGTERM.
    struct Serve: AsyncParsableCommand, ServerArguments {
        static let configuration = CommandConfiguration(
            abstract: "Serve the attribution API and the web page over an index (opened read-only).",
            discussion: """
                Routes: GET / (web page), POST /v1/attributions, GET /v1/sources/{fileId}, GET /v1/index, \
                GET /healthz, GET /metrics, GET /openapi.json, and POST /v1/completions (OpenAI-compatible, \
                checked by the gate) when --backend-url names an OpenAI-compatible server or --model a local \
                checkpoint. With --api-key-file, every /v1 route needs `Authorization: Bearer KEY`. Stops \
                gracefully on SIGINT or SIGTERM.
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

        @Option(help: "For /v1/completions: the base URL of an OpenAI-compatible completion server (vLLM, text-generation-inference, llama.cpp).")
        var backendURL: String?

        @Option(help: "With --backend-url: the model name to ask for.")
        var backendModel: String?

        @Option(help: "With --backend-url: a file whose first line is the backend's API key.")
        var backendKeyFile: String?

        @Option(help: "With --backend-url: seconds to wait for the backend.")
        var backendTimeout: Double = 60

        @Option(help: "With --backend-url: the fill-in-the-middle format of the model (santacoder, starcoder, none).")
        var fim: FIMFormat = .none

        @Option(help: "For /v1/completions: a local GPT-BigCode checkpoint folder, run in process.")
        var model: String?

        @Option(help: "Threads that parse HTTP and move bytes (event loops); default: half the cores, at least 1. Matching has its own, one a core.")
        var eventLoops: Int?

        @Flag(help: """
            Read the index from SQLite for every query instead of keeping its lookup tables and \
            token digests in memory (about 150 MB for the default index; 2 bytes a stored token, \
            16 a fingerprint): for an index too large for memory. Queries cost about three times more.
            """)
        var noResident = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            guard backendURL == nil || model == nil else { throw ValidationError("give --backend-url or --model, not both") }
            guard backendTimeout > 0 else { throw ValidationError("--backend-timeout must be positive") }
            for (name, value) in [
                ("--max-body-bytes", maxBodyBytes), ("--max-tokens", maxTokens), ("--max-concurrent", maxConcurrent),
                ("--event-loops", eventLoops ?? 1),
            ]
            where value < 1 {
                throw ValidationError("\(name) must be at least 1")
            }
        }

        var databasePath: String { attribution.database }
        var policyPath: String? { attribution.policy }
        var minTokens: Int? { attribution.minTokens }
        var residentTables: Bool { !noResident }
        var limits: ServerLimits {
            var limits = ServerLimits.default
            limits.maxBodyBytes = maxBodyBytes
            limits.maxTokens = maxTokens
            limits.maxConcurrentAttributions = maxConcurrent
            return limits
        }

        func completionBackend() throws -> (backend: any CompletionBackend, format: FIMFormat)? {
            if let model {
                do {
                    let generator = try TextGenerator(folder: URL(fileURLWithPath: model))
                    return (NativeBackend(generator: generator, modelName: URL(fileURLWithPath: model).lastPathComponent), .none)
                } catch {
                    throw CommandFailure("\(error.summary) (hint: \(error.hint))")
                }
            }
            guard let backendURL else { return nil }
            let key = try backendKeyFile.map { path in
                guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read the backend key file \(path)") }
                return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            }
            let backend = try OpenAIBackend(
                baseURL: backendURL, model: backendModel, apiKey: key, timeout: .milliseconds(Int64(backendTimeout * 1000)))
            return (backend, fim)
        }

        func run() async throws {
            // Before anything uses NIO's shared event loops (the backend's HTTP client does).
            ServerThreads.configure(eventLoops: eventLoops)
            // The backend is made once, here, so that it can be shut down after the server stops.
            let prepared = PreparedServe(serve: self, backend: try completionBackend())
            try await runServer(prepared) { address in
                FileHandle.standardError.write(Data("provenance serve: listening on \(address) (index \(databasePath))\n".utf8))
            }
            try await (prepared.backend?.backend as? OpenAIBackend)?.shutdown()
        }
    }
}

extension FIMFormat: ExpressibleByArgument {}

/// `serve`'s arguments with its completion backend already made.
struct PreparedServe: ServerArguments {
    let serve: ProvenanceCommand.Serve
    let backend: (backend: any CompletionBackend, format: FIMFormat)?

    var host: String { serve.host }
    var port: Int { serve.port }
    var databasePath: String { serve.databasePath }
    var policyPath: String? { serve.policyPath }
    var minTokens: Int? { serve.minTokens }
    var residentTables: Bool { serve.residentTables }
    var apiKeyFile: String? { serve.apiKeyFile }
    var limits: ServerLimits { serve.limits }

    func completionBackend() throws -> (backend: any CompletionBackend, format: FIMFormat)? { backend }
}
