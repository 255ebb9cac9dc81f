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
        evaluate(LicenseClass.init(identifier:), and: { $0.max() ?? .unknown }, or: { $0.min() ?? .unknown }) ?? .unknown
    }

    /// Folds the expression: `leaf` for each license (with its `WITH` exception, as
    /// written), `and` over the parts of an `AND`, `or` over the alternatives of an `OR`.
    /// `WITH` binds tightest, then `AND`, then `OR`; parentheses group. Nil when no license
    /// is known; a malformed expression folds what it can read.
    public func evaluate<T>(_ leaf: (String) -> T, and: ([T]) -> T, or: ([T]) -> T) -> T? {
        guard let expression else { return nil }
        var tokens: [String] = []
        var word = ""
        for character in expression {
            if character == "(" || character == ")" || character == " " {
                if !word.isEmpty { tokens.append(word) }
                word = ""
                if character != " " { tokens.append(String(character)) }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        var position = 0
        func next() -> String? { position < tokens.count ? tokens[position] : nil }
        func isOperator(_ token: String?, _ name: String) -> Bool { token?.uppercased() == name }
        func primary() -> T? {
            guard let token = next() else { return nil }
            position += 1
            if token == "(" {
                let inner = alternatives()
                if next() == ")" { position += 1 }
                return inner
            }
            guard token != ")" else { return nil }
            var license = token
            if isOperator(next(), "WITH"), position + 1 < tokens.count {
                license += " WITH " + tokens[position + 1]
                position += 2
            }
            return leaf(license)
        }
        // Operands joined by one operator: AND inside OR.
        func joined(_ name: String, _ operand: () -> T?, _ combine: ([T]) -> T) -> T? {
            var values = operand().map { [$0] } ?? []
            while isOperator(next(), name) {
                position += 1
                if let value = operand() { values.append(value) }
            }
            return values.isEmpty ? nil : values.count == 1 ? values[0] : combine(values)
        }
        func alternatives() -> T? { joined("OR", { joined("AND", primary, and) }, or) }
        return alternatives()
    }
}
