/// `check --format sarif`: a SARIF 2.1.0 log (OASIS), in the subset GitHub code scanning reads.
///
/// One run; the tool's rules are the policy actions (`copied-code/blocked` at level
/// `error`, `copied-code/attribution-required` at `warning`, `copied-code/allowed` at
/// `note`); each match is one result with its query lines as the location, the source
/// and license in its message and properties, and a `provenanceSpan/v1` partial
/// fingerprint that survives reformatting and renaming. Build one from a `CheckReport`
/// with `init(report:contents:currentDirectory:)`; encode it with `JSONEncoder`.
///
/// Invariant: every result's `ruleId` is the id of `rules[ruleIndex]`, and its level is that rule's level.
public struct SARIFReport: Sendable, Codable, Equatable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let sarifVersion = "2.1.0"
    /// The uriBaseId result locations are relative to: the folder `check` ran in.
    public static let sourceRoot = "%SRCROOT%"

    public var schema: String
    public var version: String
    public var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    public struct Run: Sendable, Codable, Equatable {
        public var tool: Tool
        /// Where each uriBaseId points: `%SRCROOT%` → the current folder as a `file:` URI ending in `/`.
        public var originalUriBaseIds: [String: ArtifactLocation]
        /// How columns count: UTF-16 code units, as GitHub expects.
        public var columnKind: String
        public var results: [Result]
    }

    public struct Tool: Sendable, Codable, Equatable {
        public var driver: ToolComponent
    }

    public struct ToolComponent: Sendable, Codable, Equatable {
        public var name: String
        /// The tool's home page; omitted until the project has a public one.
        public var informationUri: String?
        public var semanticVersion: String
        public var rules: [ReportingDescriptor]
    }

    /// A rule: one per policy action.
    public struct ReportingDescriptor: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var shortDescription: Message
        public var fullDescription: Message
        public var help: Message
        public var helpUri: String?
        public var defaultConfiguration: Configuration
        public var properties: RuleProperties
    }

    public struct Configuration: Sendable, Codable, Equatable {
        /// `error`, `warning` or `note`.
        public var level: String
    }

    public struct RuleProperties: Sendable, Codable, Equatable {
        public var tags: [String]
    }

    public struct Message: Sendable, Codable, Equatable {
        public var text: String
    }

    public struct Result: Sendable, Codable, Equatable {
        public var ruleId: String
        public var ruleIndex: Int
        public var level: String
        public var message: Message
        public var locations: [Location]
        public var partialFingerprints: [String: String]
        public var properties: ResultProperties
    }

    public struct Location: Sendable, Codable, Equatable {
        public var physicalLocation: PhysicalLocation
    }

    public struct PhysicalLocation: Sendable, Codable, Equatable {
        public var artifactLocation: ArtifactLocation
        public var region: Region
    }

    public struct ArtifactLocation: Sendable, Codable, Equatable {
        public var uri: String
        public var uriBaseId: String?
    }

    /// Lines are 1-based and inclusive; `endColumn` is one past the end line's last character.
    public struct Region: Sendable, Codable, Equatable {
        public var startLine: Int
        public var endLine: Int
        public var startColumn: Int
        public var endColumn: Int?
    }

    /// What a result says beyond SARIF's own fields: where the code came from.
    public struct ResultProperties: Sendable, Codable, Equatable {
        public var kind: String
        public var tokens: Int
        public var action: String
        public var source: FileReport.Source
        public var sourceLink: String?
        public var alsoIn: Int
        public var spanHash: String
    }
}

// MARK: - Rules

extension SARIFReport {
    /// The rule of each policy action, in the order of `PolicyAction.allCases` (so a rule's index is the action's).
    public static let rules: [ReportingDescriptor] = PolicyAction.allCases.map(rule(for:))

    /// The SARIF level of an action.
    public static func level(for action: PolicyAction) -> String {
        switch action {
        case .allow: "note"
        case .annotate: "warning"
        case .block: "error"
        }
    }

    static func rule(for action: PolicyAction) -> ReportingDescriptor {
        let (id, name, short, full, help): (String, String, String, String, String)
        switch action {
        case .block:
            (id, name) = ("copied-code/blocked", "CopiedCodeBlocked")
            short = "Copied code under a license the policy blocks"
            full = "This code matches a file of the indexed corpus whose license the policy blocks (by default strong copyleft, such as GPL)."
            help = "Remove or rewrite the span, or obtain the code under a license the policy allows."
        case .annotate:
            (id, name) = ("copied-code/attribution-required", "CopiedCodeNeedsAttribution")
            short = "Copied code that needs attribution"
            full = "This code matches a file of the indexed corpus under a license whose notice must travel with the code (such as MIT, BSD or Apache-2.0)."
            help = "Keep the source and license with the span: `provenance annotate FILE` writes the attribution comment."
        case .allow:
            (id, name) = ("copied-code/allowed", "CopiedCodeAllowed")
            short = "Copied code the policy allows"
            full = "This code matches a file of the indexed corpus that the policy allows without conditions (a public-domain-like license, an allowed repository, or below the policy's thresholds)."
            help = "Nothing to do; reported so the copy is known."
        }
        return ReportingDescriptor(
            id: id, name: name, shortDescription: Message(text: short), fullDescription: Message(text: full),
            help: Message(text: full + " " + help), helpUri: nil, defaultConfiguration: Configuration(level: level(for: action)),
            properties: RuleProperties(tags: ["provenance", "license", "copied-code"]))
    }
}
