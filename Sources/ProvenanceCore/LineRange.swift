/// A 1-based, inclusive range of lines.
public struct LineRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var startLine: Int
    public var endLine: Int

    public init(startLine: Int, endLine: Int) {
        precondition(startLine >= 1 && endLine >= startLine, "lines are 1-based and ordered")
        self.startLine = startLine
        self.endLine = endLine
    }

    public var count: Int { endLine - startLine + 1 }

    public var description: String { startLine == endLine ? "\(startLine)" : "\(startLine)-\(endLine)" }
}
