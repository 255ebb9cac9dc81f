/// Errors of the Reporting target.
public enum ReportingError: Error, CustomStringConvertible, Equatable {
    /// A policy file that cannot be read or parsed.
    case policy(path: String, problem: String)

    public var description: String {
        switch self {
        case .policy(let path, let problem): "policy \(path): \(problem)"
        }
    }
}
