import IndexStore
import Matching
import ProvenanceCore

/// The JSON contract of `check` for one file (DESIGN.md): fields may be added, never renamed.
public struct FileReport: Sendable, Codable, Equatable {
    public struct Lines: Sendable, Codable, Equatable {
        public var startLine: Int
        public var endLine: Int
    }

    public struct Source: Sendable, Codable, Equatable {
        public var repo: String
        public var path: String
        public var license: String
        public var startLine: Int
        public var endLine: Int
        public var url: String?
        public var licenseOrigin: String
        public var fileId: Int64
    }

    public struct Match: Sendable, Codable, Equatable {
        public var query: Lines
        public var tokens: Int
        public var characters: Int
        public var kind: MatchKind
        public var action: PolicyAction
        public var source: Source
        public var alsoIn: Int
        public var explanation: MatchExplanation?
    }

    public struct NearDuplicateEntry: Sendable, Codable, Equatable {
        public var repo: String
        public var path: String
        public var license: String
        public var estimatedJaccard: Double
        public var fileId: Int64
    }

    public var path: String
    public var language: String
    public var tokens: Int
    public var verdict: PolicyAction
    public var matches: [Match]
    public var nearDuplicates: [NearDuplicateEntry]
    /// Query line ranges made only of common code (many corpus files): not attributed.
    public var common: [Lines]

    /// The report of one file under `policy`; `explain` keeps each match's explanation.
    public init(path: String, report: MatchReport, policy: Policy, explain: Bool) {
        self.path = path
        language = report.language.rawValue
        tokens = report.tokens
        matches = report.matches.map { match in
            Match(
                query: Lines(startLine: match.query.startLine, endLine: match.query.endLine),
                tokens: match.tokens, characters: match.characters, kind: match.kind, action: policy.action(for: match),
                source: Source(
                    repo: match.source.repo, path: match.source.path, license: match.source.license.description,
                    startLine: match.sourceLines.startLine, endLine: match.sourceLines.endLine,
                    url: match.source.repoURL, licenseOrigin: match.source.licenseOrigin.rawValue, fileId: match.source.id),
                alsoIn: match.alsoIn, explanation: explain ? match.explanation : nil)
        }
        verdict = matches.map(\.action).max() ?? .allow
        nearDuplicates = report.nearDuplicates.map {
            NearDuplicateEntry(
                repo: $0.source.repo, path: $0.source.path, license: $0.source.license.description,
                estimatedJaccard: $0.estimatedJaccard, fileId: $0.source.id)
        }
        common = report.common.map { Lines(startLine: $0.query.startLine, endLine: $0.query.endLine) }
    }
}

/// `check --format json`: `{"files": [...]}`.
public struct CheckReport: Sendable, Codable, Equatable {
    public var files: [FileReport]

    public init(files: [FileReport]) {
        self.files = files
    }

    /// The strongest verdict over all files.
    public var verdict: PolicyAction { files.map(\.verdict).max() ?? .allow }
}
