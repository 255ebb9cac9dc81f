import Foundation
import NIOCore
import ProvenanceCore

/// The body of `POST /v1/attributions`: code to check, and how to read it.
///
/// ```json
/// {"code": "def f(x):\n    ...", "language": "python", "filename": "f.py", "minTokens": 50}
/// ```
struct AttributionRequest: Decodable, Sendable {
    /// The code, as text.
    var code: String
    /// A language name or alias (`python`, `js`, `c++`); default: from `filename`, else generic.
    var language: String?
    /// Shown as the report's `path`, and gives the language when `language` is absent.
    var filename: String?
    /// Report only copies of at least this many tokens (default: the server's).
    var minTokens: Int?

    /// The body decoded, or a 400 that names the field and what is wrong with it.
    static func decode(_ body: ByteBuffer) throws -> AttributionRequest {
        let request: AttributionRequest
        do {
            request = try JSONDecoder().decode(AttributionRequest.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServerError.invalidRequest(Self.describe(error))
        }
        if let minTokens = request.minTokens, minTokens < 1 {
            throw ServerError.invalidRequest("minTokens must be at least 1, got \(minTokens)")
        }
        if let language = request.language, Language(name: language) == nil {
            throw ServerError.invalidRequest(
                "unknown language '\(language)'; known: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return request
    }

    /// The language the code is lexed as.
    var resolvedLanguage: Language {
        language.flatMap { Language(name: $0) } ?? filename.map { Language(path: $0) } ?? .other
    }

    /// One line naming the field and the problem, for the 400 body.
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the body" : path.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "\(field(context.codingPath)) must be \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(field(context.codingPath)) must be \(Self.typeName(type)), not null"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "the body is not valid JSON"
                + (context.underlyingError.map { ": \(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? $0)" } ?? "")
        case .dataCorrupted(let context):
            return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "the body cannot be read: \(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "a JSON object"
        }
    }
}
