import Foundation
import ProvenanceCore

/// Decides which documents enter an index by their effective license.
///
/// A document is admitted when its effective license (the file's own, else the
/// repository's) is: for `A OR B`, when any alternative is admitted (the user may
/// choose it); for `A AND B`, when every part is; `X WITH exception` as `X`.
/// Documents with no known license are excluded unless `includeUnknown` is set.
///
/// ```swift
/// let filter = try LicenseFilter(parsing: "permissive")      // or "MIT,Apache-2.0"
/// filter.admits(License("MIT OR GPL-3.0"))                   // true
/// filter.admits(License("MIT AND GPL-3.0"))                  // false
/// ```
public struct LicenseFilter: Sendable, Equatable {
    /// What the filter admits, per SPDX identifier.
    public enum Rule: Sendable, Equatable {
        /// Identifiers in these classes (`LicenseClass(identifier:)`).
        case classes(Set<LicenseClass>)
        /// These identifiers, compared without case. An entry without `-only`,
        /// `-or-later` or `+` also admits those forms (`GPL-2.0` admits `GPL-2.0-or-later`).
        case identifiers(Set<String>)
        /// Every known license.
        case any
    }

    public var rule: Rule
    /// Admit documents whose license is unknown.
    public var includeUnknown: Bool

    public init(rule: Rule, includeUnknown: Bool = false) {
        self.rule = rule
        self.includeUnknown = includeUnknown
    }

    /// The `permissive` set: licenses of the `permissive` class (MIT, BSD-2/3/4-Clause,
    /// Apache-2.0, ISC, Zlib, BSL-1.0, PSF-2.0, …) and of the `public-domain-like` class
    /// (CC0-1.0, Unlicense, 0BSD, MIT-0, WTFPL): those that ask at most for a notice to be
    /// kept, so reporting the source satisfies them. Copyleft licenses, weak or strong, are out.
    public static let permissive = LicenseFilter(rule: .classes([.permissive, .publicDomainLike]))

    /// Every known license.
    public static let any = LicenseFilter(rule: .any)

    /// Parses a command-line value: `permissive`, `any`, or a comma-separated SPDX list.
    public init(parsing text: String, includeUnknown: Bool = false) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "permissive": self = .permissive
        case "any", "all": self = .any
        default:
            let identifiers = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard !identifiers.isEmpty else {
                throw CorpusError(.badMetadata, "license filter: expected \"permissive\", \"any\" or SPDX identifiers")
            }
            self.init(rule: .identifiers(Set(identifiers)))
        }
        self.includeUnknown = includeUnknown
    }

    /// True when a document under `license` is admitted.
    public func admits(_ license: License) -> Bool {
        guard let expression = license.expression else { return includeUnknown }
        guard let tree = SPDXExpression(parsing: expression) else { return false }
        return tree.evaluate(admitsIdentifier)
    }

    /// Why a document is excluded, or `nil` when it is admitted.
    public func rejection(of document: CorpusDocument) -> CorpusSkipReason? {
        let license = document.effectiveLicense
        if !license.isKnown { return includeUnknown ? nil : .licenseUnknown }
        return admits(license) ? nil : .licenseNotAdmitted
    }

    func admitsIdentifier(_ identifier: String) -> Bool {
        switch rule {
        case .any:
            return true
        case .classes(let classes):
            return classes.contains(LicenseClass(identifier: identifier))
        case .identifiers(let allowed):
            let id = identifier.uppercased()
            return allowed.contains { entry in
                let entry = entry.uppercased()
                if entry == id { return true }
                let base = Self.baseIdentifier(id)
                return base != id && entry == base
            }
        }
    }

    private static func baseIdentifier(_ id: String) -> String {
        for suffix in ["-ONLY", "-OR-LATER", "+"] where id.hasSuffix(suffix) { return String(id.dropLast(suffix.count)) }
        return id
    }
}
