import Foundation
import ProvenanceTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `provenance serve` as a process: it binds, answers over a real socket, and stops cleanly.
struct ServeCommandTests {
    /// A running `provenance serve` on a free loopback port of the fixture's index.
    final class Server {
        let process = Process()
        let log: URL
        private(set) var address = ""

        init(_ fixture: CheckFixture, arguments: [String] = []) throws {
            log = fixture.folder.url.appendingPathComponent("serve.log")
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            process.executableURL = try CommandRunner().executable
            process.arguments = ["serve", "--db", fixture.database, "--port", "0"] + arguments
            process.currentDirectoryURL = fixture.folder.url
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, process.isRunning {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("provenance serve: listening on ") }) {
                    address = String(line.split(separator: " ")[4])
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"])
        }

        /// Sends SIGTERM and waits; returns the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }

        func request(_ path: String, body: Data? = nil) async throws -> (status: Int, body: Data) {
            var request = URLRequest(url: URL(string: address + path)!)
            if let body {
                request.httpMethod = "POST"
                request.httpBody = body
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }
    }

    @Test("serve binds 127.0.0.1 on a free port, answers health and attribution over HTTP, and exits 0 on SIGTERM",
          arguments: [[], ["--no-resident"], ["--event-loops", "3"]])
    func servesAndStops(arguments: [String]) async throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        let server = try Server(fixture, arguments: arguments)
        #expect(server.address.hasPrefix("http://127.0.0.1:"))
        let health = try await server.request("/healthz")
        #expect(health.status == 200)
        let body = try JSONSerialization.data(withJSONObject: ["code": fixture.target, "language": "python"])
        let attribution = try await server.request("/v1/attributions", body: body)
        #expect(attribution.status == 200)
        let report = try #require(try JSONSerialization.jsonObject(with: attribution.body) as? [String: Any])
        let match = try #require((report["matches"] as? [[String: Any]])?.first)
        #expect(match[path: "source.repo"] as? String == "acme/tools" && match[path: "source.license"] as? String == "MIT")
        #expect(server.stop() == 0, "graceful shutdown on SIGTERM")
    }

    @Test("with --api-key-file, /v1 needs the key")
    func apiKeyFile() async throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("key.txt", "k3y\n")
        let server = try Server(fixture, arguments: ["--api-key-file", "key.txt"])
        defer { _ = server.stop() }
        #expect(try await server.request("/v1/index").status == 401)
        #expect(try await server.request("/healthz").status == 200)
    }

    @Test("a missing index, an empty key file, a bad port or count is a one-line error and exit status 2", arguments: [
        (["serve", "--db", "missing.sqlite"], "no index at missing.sqlite"),
        (["serve", "--db", "index.sqlite", "--api-key-file", "empty.txt"], "empty"),
        (["serve", "--db", "index.sqlite", "--port", "70000"], "--port"),
        (["serve", "--db", "index.sqlite", "--max-concurrent", "0"], "--max-concurrent"),
        (["serve", "--db", "index.sqlite", "--event-loops", "0"], "--event-loops must be at least 1"),
    ])
    func startupErrors(arguments: [String], message: String) throws {
        let fixture = try CheckFixture()
        defer { fixture.remove() }
        try fixture.write("empty.txt", "\n")
        let result = try fixture.run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
