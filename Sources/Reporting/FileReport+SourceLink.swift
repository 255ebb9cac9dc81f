import Foundation

extension FileReport.Source {
    /// A web address for the span: its line range on GitHub or GitLab (at the recorded
    /// commit, else `HEAD`), the repository's address on other hosts, `nil` when unknown.
    public var link: String? {
        guard var base = url, base.hasPrefix("https://") || base.hasPrefix("http://") else { return nil }
        if base.hasSuffix(".git") { base.removeLast(4) }
        while base.hasSuffix("/") { base.removeLast() }
        let host = URL(string: base)?.host?.lowercased()
        // Only a commit names the same lines for ever; a package version is not a tag name.
        let commit = revision.flatMap { $0.count >= 7 && $0.count <= 40 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? "HEAD"
        let encodedPath = percentEncodedPath(path)
        switch host {
        case "github.com": return "\(base)/blob/\(commit)/\(encodedPath)#L\(startLine)-L\(endLine)"
        case "gitlab.com": return "\(base)/-/blob/\(commit)/\(encodedPath)#L\(startLine)-\(endLine)"
        default: return base
        }
    }
}

/// A `/`-separated path as a URI path: each segment percent-encoded, `:` included, so
/// a relative reference never reads as a scheme.
func percentEncodedPath(_ path: String) -> String {
    let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/:?#;"))
    return path.split(separator: "/", omittingEmptySubsequences: false)
        .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
        .joined(separator: "/")
}
