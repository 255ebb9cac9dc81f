/// What can go wrong opening, reading or writing an index. Every case names the file.
public enum IndexError: Error, CustomStringConvertible, Equatable {
    /// No file at the path.
    case missing(path: String)
    /// The file is not a Provenance index (another SQLite file, or not SQLite at all).
    case notAnIndex(path: String, reason: String)
    /// The index was written in another format version.
    case wrongVersion(path: String, found: Int32, expected: Int32)
    /// A build was killed or is still running: the file is not a complete index.
    case incomplete(path: String)
    /// An existing partial build was made with other parameters and cannot be resumed.
    case cannotResume(path: String, reason: String)
    /// The path already holds a complete index and `build` would overwrite it.
    case alreadyExists(path: String)
    /// An SQLite error, with what we were doing.
    case database(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no index at \(path); build one with `provenance index build --db \(path) ...`"
        case .notAnIndex(let path, let reason):
            "\(path) is not a Provenance index (\(reason))"
        case .wrongVersion(let path, let found, let expected):
            "index \(path) is format \(found), this build reads format \(expected); rebuild it with `provenance index build --db \(path) ...`"
        case .incomplete(let path):
            "index \(path) is incomplete: its build was interrupted; run the same `provenance index build` again to resume it"
        case .cannotResume(let path, let reason):
            "cannot resume the interrupted build \(path)\(IndexFormat.partialSuffix): \(reason); remove it to start over"
        case .alreadyExists(let path):
            "\(path) already exists; use `provenance index add` to extend it, or remove it to rebuild"
        case .database(let path, let operation, let message):
            "\(path): \(operation) failed: \(message)"
        }
    }
}
