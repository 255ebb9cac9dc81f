import Foundation

/// A golden file: expected output kept next to the tests and compared as text.
///
/// Set `UPDATE_GOLDEN=1` in the environment to rewrite golden files from the
/// actual output instead of comparing; never otherwise.
public struct GoldenFile: Sendable {
    /// Where the golden text lives.
    public let url: URL

    /// The golden file `name` in the `Golden` folder next to the calling test file.
    public init(_ name: String, besides testFile: StaticString = #filePath) {
        let folder = URL(fileURLWithPath: "\(testFile)").deletingLastPathComponent()
        url = folder.appendingPathComponent("Golden").appendingPathComponent(name)
    }

    /// Whether this run rewrites golden files.
    public static var isUpdating: Bool {
        ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
    }

    /// Compares `actual` with the golden text; with `UPDATE_GOLDEN=1`, writes it instead.
    /// - Returns: `nil` when they agree (or after updating), else a description of the first difference.
    public func compare(with actual: String) throws -> String? {
        if Self.isUpdating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing golden file \(url.lastPathComponent); run the tests with UPDATE_GOLDEN=1 to create it"
        }
        if expected == actual { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if want != got {
                return "\(url.lastPathComponent) line \(index + 1): expected «\(want)», got «\(got)»"
            }
        }
        return "\(url.lastPathComponent) differs"
    }
}
