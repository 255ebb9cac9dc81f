import Foundation
import IndexStore
import Matching
import ProvenanceCore

/// A license policy: which action each match gets, from its license class, its SPDX
/// ids or its repository, plus thresholds.
///
/// Precedence for one match: a `repos` entry; else the license expression decides,
/// each license in it by its `licenses` entry or else its class (`classes`), the
/// strongest action of an `AND` and the weakest of an `OR` (the user may choose that
/// alternative: `MIT OR GPL-2.0-only` is MIT code to one who takes MIT); unknown
/// licenses by the `unknown` class. Matches shorter than `minTokens` (when set) or less similar than
/// `minSimilarity` get `allow`. JSON form (every key optional; see `Policy.default`):
///
/// ```json
/// {
///   "classes": {"public-domain-like": "allow", "permissive": "annotate",
///               "weak-copyleft": "annotate", "strong-copyleft": "block", "unknown": "annotate"},
///   "licenses": {"GPL-2.0-only": "block", "MIT": "annotate"},
///   "repos": {"acme/internal-fork": "allow"},
///   "minTokens": 50,
///   "minSimilarity": 0.0
/// }
/// ```
public struct Policy: Sendable, Codable, Equatable {
    public var classes: [String: PolicyAction]
    public var licenses: [String: PolicyAction]
    public var repos: [String: PolicyAction]
    public var minTokens: Int?
    public var minSimilarity: Double?

    /// The shipped default: public-domain-like code is allowed; permissive, weak-copyleft and
    /// unknown-license code is annotated (its notice must travel with it); strong copyleft is blocked.
    public static let `default` = Policy(
        classes: [
            LicenseClass.publicDomainLike.rawValue: .allow, LicenseClass.permissive.rawValue: .annotate,
            LicenseClass.weakCopyleft.rawValue: .annotate, LicenseClass.strongCopyleft.rawValue: .block,
            LicenseClass.unknown.rawValue: .annotate,
        ],
        licenses: [:], repos: [:], minTokens: nil, minSimilarity: nil)

    public init(
        classes: [String: PolicyAction], licenses: [String: PolicyAction], repos: [String: PolicyAction],
        minTokens: Int?, minSimilarity: Double?
    ) {
        self.classes = classes
        self.licenses = licenses
        self.repos = repos
        self.minTokens = minTokens
        self.minSimilarity = minSimilarity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var classes = Self.default.classes
        for (name, action) in try container.decodeIfPresent([String: PolicyAction].self, forKey: .classes) ?? [:] {
            guard LicenseClass(rawValue: name) != nil else {
                throw DecodingError.dataCorruptedError(
                    forKey: .classes, in: container,
                    debugDescription: "unknown license class '\(name)'; known: \(LicenseClass.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            classes[name] = action
        }
        self.classes = classes
        licenses = try container.decodeIfPresent([String: PolicyAction].self, forKey: .licenses) ?? [:]
        repos = try container.decodeIfPresent([String: PolicyAction].self, forKey: .repos) ?? [:]
        minTokens = try container.decodeIfPresent(Int.self, forKey: .minTokens)
        minSimilarity = try container.decodeIfPresent(Double.self, forKey: .minSimilarity)
    }

    /// Reads a policy file; the error names the file and the problem.
    public static func load(path: String) throws -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportingError.policy(path: path, problem: "cannot read the file")
        }
        do {
            return try JSONDecoder().decode(Policy.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw ReportingError.policy(path: path, problem: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ReportingError.policy(path: path, problem: "\(key): \(context.debugDescription)")
        } catch {
            throw ReportingError.policy(path: path, problem: "\(error)")
        }
    }

    /// The action for one match.
    public func action(for match: AttributedMatch) -> PolicyAction {
        if let minTokens, match.tokens < minTokens { return .allow }
        if let minSimilarity, match.explanation.similarity < minSimilarity { return .allow }
        return action(repo: match.source.repo, license: match.source.license)
    }

    /// The action for code from `repo` under `license`.
    public func action(repo: String, license: License) -> PolicyAction {
        if let action = repos[repo] { return action }
        let byClass = { (licenseClass: LicenseClass) in classes[licenseClass.rawValue] ?? .annotate }
        return license.evaluate(
            { leaf in
                // A `licenses` entry names the license, or the license with its exception.
                let id = leaf.components(separatedBy: " WITH ").first ?? leaf
                let entry = [leaf, id].lazy.compactMap { name in
                    licenses.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
                }.first
                return entry ?? byClass(LicenseClass(identifier: leaf))
            },
            and: { $0.max() ?? .annotate }, or: { $0.min() ?? .annotate }) ?? byClass(.unknown)
    }
}
