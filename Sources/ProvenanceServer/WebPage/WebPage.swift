import HTTPTypes
import Hummingbird
import NIOCore

/// The web page at `/`: paste or upload code, see its copied spans highlighted, each with
/// its source, license and the source's lines.
///
/// HTML, CSS and JavaScript live in this binary as strings (`WebPage+HTML.swift`,
/// `WebPage+Style.swift`, `WebPage+Script.swift`): no CDN, no files to deploy. The page
/// calls `POST /v1/attributions`, then `GET /v1/sources/{fileId}` for each match.
/// The content security policy allows only this server's own scripts and styles.
enum WebPage {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

    static var page: Response { response(html, type: "text/html; charset=utf-8") }
    static var script: Response { response(javaScript, type: "text/javascript; charset=utf-8") }
    static var style: Response { response(css, type: "text/css; charset=utf-8") }

    private static func response(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                .cacheControl: "no-cache",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
