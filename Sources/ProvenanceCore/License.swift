import Foundation

/// A license as an SPDX expression (`MIT`, `Apache-2.0`, `MIT OR Apache-2.0`), or unknown.
///
/// Identifiers are kept as written in SPDX's list (case matters for display, not for
/// comparison). `licenseClass` sorts an expression into the classes a policy speaks of.
public struct License: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The SPDX expression; `nil` when no license is known.
    public let expression: String?

    public init(_ expression: String?) {
        let trimmed = expression?.trimmingCharacters(in: .whitespaces)
        self.expression = (trimmed?.isEmpty ?? true) || trimmed?.uppercased() == "NOASSERTION" ? nil : trimmed
    }

    /// No known license.
    public static let unknown = License(nil)

    public var isKnown: Bool { expression != nil }

    public var description: String { expression ?? "unknown" }

    /// The SPDX identifiers the expression names, without operators and parentheses
    /// (`"(MIT OR Apache-2.0) AND BSD-3-Clause"` → MIT, Apache-2.0, BSD-3-Clause).
    public var identifiers: [String] {
        guard let expression else { return [] }
        return expression
            .split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
            .map(String.init)
            .filter { !["AND", "OR", "WITH"].contains($0.uppercased()) }
    }

    /// The class of the expression: for `OR` the most permissive alternative counts
    /// (the user may choose it); for `AND` the most restrictive part.
    public var licenseClass: LicenseClass {
        guard let expression else { return .unknown }
        let alternatives = expression.components(separatedBy: " OR ")
        return alternatives.map { alternative in
            alternative.components(separatedBy: " AND ")
                .map { LicenseClass(identifier: $0.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))) }
                .max() ?? .unknown
        }.min() ?? .unknown
    }
}
