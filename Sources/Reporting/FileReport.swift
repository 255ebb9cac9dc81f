import IndexStore
import Matching
import ProvenanceCore

/// The JSON contract of `check` for one file (DESIGN.md): fields may be added, never renamed.
public struct FileReport: Sendable, Codable, Equatable {
    /// 1-based, inclusive lines.
    public struct Lines: Sendable, Codable, Equatable {
        public var startLine: Int
        public var endLine: Int

        public init(startLine: Int, endLine: Int) {
            self.startLine = startLine
            self.endLine = endLine
        }
    }

    /// The corpus file a match is attributed to.
    public struct Source: Sendable, Codable, Equatable {
        public var repo: String
        public var path: String
        /// The SPDX expression, or `unknown`.
        public var license: String
        public var startLine: Int
        public var endLine: Int
        /// The repository's address, when known.
        public var url: String?
        /// The repository's version, tag or commit, when known.
        public var revision: String?
        public var licenseOrigin: String
        public var fileId: Int64

        public init(
            repo: String, path: String, license: String, startLine: Int, endLine: Int, url: String? = nil,
            revision: String? = nil, licenseOrigin: String = LicenseOrigin.none.rawValue, fileId: Int64 = 0
        ) {
            self.repo = repo
            self.path = path
            self.license = license
            self.startLine = startLine
            self.endLine = endLine
            self.url = url
            self.revision = revision
            self.licenseOrigin = licenseOrigin
            self.fileId = fileId
        }
    }

    /// One copied span of the file and the policy's action on it.
    public struct Match: Sendable, Codable, Equatable {
        public var query: Lines
        public var tokens: Int
        public var characters: Int
        public var kind: MatchKind
        public var action: PolicyAction
        public var source: Source
        public var alsoIn: Int
        /// 16 hex digits of `AttributedMatch.spanHash`: stable across reformatting and renaming.
        public var spanHash: String
        public var explanation: MatchExplanation?

        public init(
            query: Lines, tokens: Int, characters: Int, kind: MatchKind, action: PolicyAction, source: Source,
            alsoIn: Int = 0, spanHash: String = "", explanation: MatchExplanation? = nil
        ) {
            self.query = query
            self.tokens = tokens
            self.characters = characters
            self.kind = kind
            self.action = action
            self.source = source
            self.alsoIn = alsoIn
            self.spanHash = spanHash
            self.explanation = explanation
        }
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
                    url: match.source.repoURL, revision: match.source.revision,
                    licenseOrigin: match.source.licenseOrigin.rawValue, fileId: match.source.id),
                alsoIn: match.alsoIn, spanHash: Self.hex(match.spanHash), explanation: explain ? match.explanation : nil)
        }
        verdict = matches.map(\.action).max() ?? .allow
        nearDuplicates = report.nearDuplicates.map {
            NearDuplicateEntry(
                repo: $0.source.repo, path: $0.source.path, license: $0.source.license.description,
                estimatedJaccard: $0.estimatedJaccard, fileId: $0.source.id)
        }
        common = report.common.map { Lines(startLine: $0.query.startLine, endLine: $0.query.endLine) }
    }

    /// A file report from its parts, for callers that match elsewhere (and tests).
    public init(
        path: String, language: String, tokens: Int, matches: [Match], nearDuplicates: [NearDuplicateEntry] = [],
        common: [Lines] = []
    ) {
        self.path = path
        self.language = language
        self.tokens = tokens
        self.matches = matches
        verdict = matches.map(\.action).max() ?? .allow
        self.nearDuplicates = nearDuplicates
        self.common = common
    }

    /// Sixteen lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
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
