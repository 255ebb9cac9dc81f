/// A parsed SPDX license expression: identifiers joined by `AND`, `OR` and `WITH`,
/// with parentheses. `AND` binds tighter than `OR`, as the SPDX specification says.
/// Operators are accepted in any case, as hand-written metadata often has them.
indirect enum SPDXExpression: Sendable, Equatable {
    case identifier(String)
    /// A license with an exception, which only adds permissions.
    case with(SPDXExpression, exception: String)
    case and([SPDXExpression])
    case or([SPDXExpression])

    /// Parses `text`; `nil` when it is not a well-formed expression.
    init?(parsing text: String) {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" || character.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if !character.isWhitespace { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var parser = Parser(tokens: tokens)
        guard let expression = parser.parseOr(), parser.atEnd else { return nil }
        self = expression
    }

    /// Evaluates the expression with `admits` deciding each identifier.
    func evaluate(_ admits: (String) -> Bool) -> Bool {
        switch self {
        case .identifier(let id): return admits(id)
        case .with(let base, _): return base.evaluate(admits)
        case .and(let parts): return parts.allSatisfy { $0.evaluate(admits) }
        case .or(let alternatives): return alternatives.contains { $0.evaluate(admits) }
        }
    }

    private struct Parser {
        let tokens: [String]
        var position = 0

        var atEnd: Bool { position == tokens.count }

        private var peek: String? { atEnd ? nil : tokens[position] }

        private mutating func accept(_ keyword: String) -> Bool {
            guard let token = peek, token.uppercased() == keyword else { return false }
            position += 1
            return true
        }

        mutating func parseOr() -> SPDXExpression? {
            guard let first = parseAnd() else { return nil }
            var parts = [first]
            while accept("OR") {
                guard let next = parseAnd() else { return nil }
                parts.append(next)
            }
            return parts.count == 1 ? first : .or(parts)
        }

        private mutating func parseAnd() -> SPDXExpression? {
            guard let first = parseWith() else { return nil }
            var parts = [first]
            while accept("AND") {
                guard let next = parseWith() else { return nil }
                parts.append(next)
            }
            return parts.count == 1 ? first : .and(parts)
        }

        private mutating func parseWith() -> SPDXExpression? {
            guard let base = parseAtom() else { return nil }
            guard accept("WITH") else { return base }
            guard let exception = peek, !Self.isReserved(exception) else { return nil }
            position += 1
            return .with(base, exception: exception)
        }

        private mutating func parseAtom() -> SPDXExpression? {
            if accept("(") {
                guard let inner = parseOr(), accept(")") else { return nil }
                return inner
            }
            guard let token = peek, !Self.isReserved(token) else { return nil }
            position += 1
            return .identifier(token)
        }

        private static func isReserved(_ token: String) -> Bool {
            ["AND", "OR", "WITH", "(", ")"].contains(token.uppercased())
        }
    }
}
