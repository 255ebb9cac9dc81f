import HTTPTypes
import HummingbirdTesting
import ProvenanceServer
import Testing

/// With an API key every `/v1` route needs `Authorization: Bearer KEY`; the page and the
/// operations routes stay open.
struct AuthenticationTests {
    static let key = "s3cret-key"

    @Test("/v1 routes refuse a missing, malformed or wrong key with 401 and accept the right one", arguments: [
        "/v1/index", "/v1/sources/1",
    ])
    func keyRequired(uri: String) async throws {
        try await ServerFixture.withServer(apiKey: Self.key) { _, _, client in
            let missing = try await client.get(uri)
            try missing.expectError(.unauthorized, type: "authentication_error", mentioning: "Authorization")
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            try await client.get(uri, headers: [.authorization: "Basic \(Self.key)"])
                .expectError(.unauthorized, type: "authentication_error", mentioning: "Bearer")
            for wrong in [Self.key + "x", String(Self.key.dropLast()), "", "S3CRET-KEY"] {
                try await client.get(uri, headers: [.authorization: "Bearer \(wrong)"])
                    .expectError(.unauthorized, type: "authentication_error")
            }
            let accepted = try await client.get(uri, headers: [.authorization: "Bearer \(Self.key)"])
            #expect(accepted.status != .unauthorized, "\(accepted.text)")
        }
    }

    @Test("attribution needs the key; the page, health, metrics and the API description do not")
    func openAndClosedRoutes() async throws {
        try await ServerFixture.withServer(apiKey: Self.key) { _, _, client in
            let body = try json(["code": "x = 1\n"])
            try await client.attribute(body).expectError(.unauthorized, type: "authentication_error")
            #expect(try await client.attribute(body, headers: [.authorization: "bearer \(Self.key)"]).status == .ok)
            for uri in ["/", "/healthz", "/metrics", "/openapi.json"] {
                #expect(try await client.get(uri).status == .ok, "\(uri)")
            }
        }
    }
}
