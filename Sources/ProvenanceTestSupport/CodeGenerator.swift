/// Generates plausible, distinct source code from a seed: corpora and novel queries for tests.
///
/// Every function has its own random identifiers, constants and statement mix, so two
/// generated functions share no long token runs unless one was copied from the other.
public struct CodeGenerator: Sendable {
    private var random: SeededGenerator

    public init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    private static let syllables = ["ka", "lo", "mi", "tor", "ven", "sul", "dra", "pex", "qui", "bar", "nel", "fos", "gri", "hum"]

    /// A fresh snake_case identifier.
    public mutating func identifier() -> String {
        let parts = Int.random(in: 2...3, using: &random)
        return (0..<parts).map { _ in
            (0..<2).map { _ in Self.syllables.randomElement(using: &random)! }.joined()
        }.joined(separator: "_")
    }

    /// A Python function of `statements` statements (each one to three lines).
    public mutating func pythonFunction(statements: Int = 8) -> String {
        let name = identifier()
        let parameters = (0..<Int.random(in: 1...3, using: &random)).map { _ in identifier() }
        var variables = parameters
        var lines = ["def \(name)(\(parameters.joined(separator: ", "))):"]
        for _ in 0..<statements {
            let target = identifier()
            let a = variables.randomElement(using: &random)!
            let b = variables.randomElement(using: &random)!
            let constant = Int.random(in: 2...999, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: lines.append("    \(target) = \(a) * \(constant) + \(b)")
            case 1:
                lines.append("    if \(a) > \(constant):")
                lines.append("        \(target) = \(b) - \(a) // \(constant)")
                lines.append("    else:")
                lines.append("        \(target) = [\(a), \(b), \(constant)]")
            case 2:
                lines.append("    \(target) = []")
                lines.append("    for item in range(\(constant)):")
                lines.append("        \(target).append(item % (\(a) + 1))")
            case 3: lines.append("    \(target) = {\"\(identifier())\": \(a), \"\(identifier())\": \(b) ** 2}")
            default: lines.append("    \(target) = \(identifier())(\(a), \(b), limit=\(constant))")
            }
            variables.append(target)
        }
        lines.append("    return \(variables.last!)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Python module of `functions` functions separated by blank lines.
    public mutating func pythonModule(functions: Int) -> String {
        (0..<functions).map { _ in pythonFunction() }.joined(separator: "\n\n")
    }

    // MARK: - Java and JavaScript

    /// A C-family function body of `statements` statements over `parameters`, in Java or
    /// JavaScript syntax (`declare` is `int` or `let`), indented by `indent`.
    private mutating func braceBody(parameters: [String], statements: Int, declare: String, indent: String) -> [String] {
        var variables = parameters
        var lines: [String] = []
        for _ in 0..<statements {
            let target = identifier()
            let a = variables.randomElement(using: &random)!
            let b = variables.randomElement(using: &random)!
            let constant = Int.random(in: 2...999, using: &random)
            lines.append("\(indent)\(declare) \(target) = \(a) * \(constant) + \(b);")
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                lines.append("\(indent)if (\(target) > \(constant)) {")
                lines.append("\(indent)    \(target) = \(b) - \(a) / \(constant);")
                lines.append("\(indent)}")
            case 1:
                lines.append("\(indent)for (\(declare) i = 0; i < \(constant); i++) {")
                lines.append("\(indent)    \(target) += i % (\(a) + 1);")
                lines.append("\(indent)}")
            default: lines.append("\(indent)\(target) = \(target) ^ (\(b) << \(constant % 7));")
            }
            variables.append(target)
        }
        lines.append("\(indent)return \(variables.last!);")
        return lines
    }

    /// A Java class of `methods` static methods.
    public mutating func javaClass(methods: Int, statements: Int = 6) -> String {
        let name = identifier().split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        var lines = ["public class \(name) {"]
        for _ in 0..<methods {
            let parameters = (0..<Int.random(in: 1...3, using: &random)).map { _ in identifier() }
            lines.append("    public static int \(identifier())(\(parameters.map { "int \($0)" }.joined(separator: ", "))) {")
            lines += braceBody(parameters: parameters, statements: statements, declare: "int", indent: "        ")
            lines.append("    }")
            lines.append("")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JavaScript module of `functions` functions, exported.
    public mutating func javaScriptModule(functions: Int, statements: Int = 6) -> String {
        var lines: [String] = []
        var names: [String] = []
        for _ in 0..<functions {
            let name = identifier()
            names.append(name)
            let parameters = (0..<Int.random(in: 1...3, using: &random)).map { _ in identifier() }
            lines.append("function \(name)(\(parameters.joined(separator: ", "))) {")
            lines += braceBody(parameters: parameters, statements: statements, declare: "let", indent: "    ")
            lines.append("}")
            lines.append("")
        }
        lines.append("module.exports = { \(names.joined(separator: ", ")) };")
        return lines.joined(separator: "\n") + "\n"
    }
}
