import Foundation
import HTTPTypes
import HummingbirdTesting
import ProvenanceServer
import Testing

/// The page at `/` and its assets: served by the binary, nothing from elsewhere.
/// (`scripts/check-web-page.sh` drives it in a real browser.)
struct WebPageTests {
    static let assets = [(ServerRoutes.page, "text/html"), (ServerRoutes.script, "text/javascript"), (ServerRoutes.style, "text/css")]

    @Test("the page and its script and styles are served with their types and a same-origin content security policy")
    func served() async throws {
        try await ServerFixture.withServer { _, _, client in
            for (uri, type) in Self.assets {
                let response = try await client.get(uri)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(uri)")
            }
            let page = try await client.get("/").text
            for piece in [#"src="/static/app.js""#, #"href="/static/app.css""#, #"id="code""#, #"id="file""#, #"id="check""#] {
                #expect(page.contains(piece), "\(piece)")
            }
        }
    }

    @Test("no asset loads anything from another origin (no CDN), and server data enters the page only as text")
    func selfContained() async throws {
        try await ServerFixture.withServer { _, _, client in
            for (uri, _) in Self.assets {
                let text = try await client.get(uri).text
                #expect(!text.contains("//cdn") && !text.contains("@import") && !text.contains("src=\"http"), "\(uri)")
            }
            let script = try await client.get(ServerRoutes.script).text
            #expect(!script.contains("innerHTML") && !script.contains("eval("))
            for route in ["/v1/attributions", "/v1/sources/", "Authorization"] { #expect(script.contains(route), "\(route)") }
            #expect(script.contains(#""python", "java", "javascript""#), "the language list comes from Language")
        }
    }
}
