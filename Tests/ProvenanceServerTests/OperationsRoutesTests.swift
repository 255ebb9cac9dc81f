import Foundation
import HTTPTypes
import HummingbirdTesting
import IndexStore
import NIOCore
import Prometheus
import ProvenanceServer
import ProvenanceTestSupport
import Testing

/// `/healthz`, `/metrics`, `/openapi.json`, `/v1/index`, and what an unknown route gets.
struct OperationsRoutesTests {
    @Test("/healthz answers ok with the version")
    func health() async throws {
        try await ServerFixture.withServer { _, _, client in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(body["status"] as? String == "ok" && body["version"] is String)
        }
    }

    @Test("/v1/index serves the statistics of `index stats --format json`; a bad top is 400")
    func indexStatistics() async throws {
        try await ServerFixture.withServer { fixture, _, client in
            let expected = try IndexReader(path: fixture.index.path).statistics(top: 3)
            let response = try await client.get("/v1/index?top=3")
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(IndexStatistics.self) == expected)
            #expect(try await client.get("/v1/index").decode(IndexStatistics.self).files == 3)
            try await client.get("/v1/index?top=-1").expectError(.badRequest, type: "invalid_request_error", mentioning: "top")
        }
    }

    @Test("an unknown route or method gets a 404 JSON error naming it")
    func unknownRoute() async throws {
        try await ServerFixture.withServer { _, _, client in
            try await client.get("/v2/nothing").expectError(.notFound, type: "not_found_error", mentioning: "/v2/nothing")
            try await client.get("/v1/attributions").expectError(.notFound, type: "not_found_error", mentioning: "GET")
        }
    }

    @Test("/metrics counts requests by route template and status, latencies, matches by action and blocked completions")
    func metrics() async throws {
        try await ServerFixture.withServer { fixture, environment, client in
            #expect(try await client.attribute(try json(["code": fixture.target, "language": "python"])).status == .ok)
            #expect(try await client.attribute(try json(["code": fixture.blocked, "language": "python"])).status == .ok)
            #expect(try await client.attribute(try json(["code": 1])).status == .badRequest)
            #expect(try await client.get("/v1/sources/424242").status == .notFound)
            #expect(try await client.get("/nowhere").status == .notFound)
            environment.metrics.completionsBlocked.increment()
            let response = try await client.get("/metrics")
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = Set(response.text.split(separator: "\n").map(String.init))
            for line in [
                #"provenance_http_requests_total{route="/v1/attributions",method="POST",status="200"} 2"#,
                #"provenance_http_requests_total{route="/v1/attributions",method="POST",status="400"} 1"#,
                #"provenance_http_requests_total{route="/v1/sources/{fileId}",method="GET",status="404"} 1"#,
                #"provenance_http_requests_total{route="NotFound",method="GET",status="404"} 1"#,
                #"provenance_http_request_duration_seconds_count{route="/v1/attributions"} 3"#,
                #"provenance_attribution_matches_total{action="annotate"} 1"#,
                #"provenance_attribution_matches_total{action="block"} 1"#,
                #"provenance_attribution_matches_total{action="allow"} 0"#,
                "provenance_completions_blocked_total 1",
                "provenance_attributions_in_flight 0.0",
            ] {
                #expect(lines.contains(line), "missing: \(line)\n\(response.text)")
            }
            #expect(lines.contains { $0.hasPrefix(#"provenance_http_request_duration_seconds_bucket{route="/v1/attributions",le="0.02"}"#) })
        }
    }

    @Test("/openapi.json parses, lists every route (completions included) and each listed route is served")
    func openAPI() async throws {
        try await ServerFixture.withServer { _, _, client in
            let response = try await client.get("/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(Set(paths.keys) == Set(ServerRoutes.all))
            #expect(paths[ServerRoutes.completions]?["post"] != nil)
            let completion = try #require((document[path: "components.schemas.CompletionRequest.properties"]) as? [String: Any])
            for field in ["prompt", "suffix", "max_tokens", "temperature", "top_p", "stop", "stream", "seed", "language", "filename", "annotate_comments"] {
                #expect(completion[field] != nil, "CompletionRequest.\(field)")
            }
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let responses = try #require((operation as? [String: Any])?["responses"] as? [String: [String: Any]], "\(method) \(path)")
                    for (status, response) in responses {
                        for (type, media) in response["content"] as? [String: [String: Any]] ?? [:] {
                            // OpenAPI's Media Type object: anything else makes validators refuse the document.
                            #expect(Set(media.keys).isSubset(of: ["schema", "example", "examples", "encoding"]), "\(method) \(path) \(status) \(type)")
                        }
                    }
                }
            }
            let attribution = try #require(document[path: "components.schemas.Attribution.properties"] as? [String: Any])
            #expect(Set(attribution.keys) == ["matches", "verdict", "action", "attempts", "reason"])
            for (path, operations) in paths where path != ServerRoutes.completions {
                let uri = path.replacingOccurrences(of: "{fileId}", with: "1")
                for method in operations.keys {
                    let served = try await client.execute(uri: uri, method: .init(method.uppercased())!, body: try json(["code": "x"]))
                    #expect(served.status != .notFound, "\(method) \(path) is documented but not served")
                }
            }
            // Without a completion backend the route answers 501, saying how to give it one.
            #expect(try await client.attribute(try json(["prompt": "x"]), uri: ServerRoutes.completions).status == .notImplemented)
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested value by key path, e.g. `self[path: "components.schemas"]`.
    subscript(path path: String) -> Any? {
        var value: Any? = self
        for key in path.split(separator: ".") { value = (value as? [String: Any])?[String(key)] }
        return value
    }
}
