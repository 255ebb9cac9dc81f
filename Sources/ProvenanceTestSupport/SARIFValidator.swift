import Foundation

/// Checks a SARIF log against the fields SARIF 2.1.0's schema requires and GitHub code
/// scanning reads, so tests need no network schema: one message per problem found.
public enum SARIFValidator {
    /// The result levels SARIF allows.
    public static let levels: Set<String> = ["none", "note", "warning", "error"]

    /// Problems in `data`; empty when it is a valid log.
    public static func problems(in data: Data) -> [String] {
        guard let log = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return ["not a JSON object"] }
        var problems: [String] = []
        if log["version"] as? String != "2.1.0" { problems.append("version is not \"2.1.0\"") }
        if (log["$schema"] as? String)?.hasPrefix("https://") != true { problems.append("$schema is missing") }
        guard let runs = log["runs"] as? [[String: Any]], !runs.isEmpty else { return problems + ["runs is missing or empty"] }
        for (index, run) in runs.enumerated() {
            problems += Self.problems(inRun: run).map { "runs[\(index)]: \($0)" }
        }
        return problems
    }

    private static func problems(inRun run: [String: Any]) -> [String] {
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        guard let driver, let name = driver["name"] as? String, !name.isEmpty else { return ["tool.driver.name is missing"] }
        var problems: [String] = []
        let rules = driver["rules"] as? [[String: Any]] ?? []
        let ids = rules.compactMap { $0["id"] as? String }
        if ids.count != rules.count || Set(ids).count != ids.count { problems.append("rules need unique ids") }
        let baseIds = Set((run["originalUriBaseIds"] as? [String: Any] ?? [:]).keys)
        for (key, value) in run["originalUriBaseIds"] as? [String: [String: Any]] ?? [:] {
            let uri = value["uri"] as? String ?? ""
            if !uri.hasSuffix("/") || URL(string: uri)?.scheme == nil {
                problems.append("originalUriBaseIds.\(key).uri must be an absolute URI ending in /")
            }
        }
        guard let results = run["results"] as? [[String: Any]] else { return problems + ["results is missing"] }
        for (index, result) in results.enumerated() {
            problems += Self.problems(inResult: result, ruleIDs: ids, baseIds: baseIds).map { "results[\(index)]: \($0)" }
        }
        return problems
    }

    private static func problems(inResult result: [String: Any], ruleIDs: [String], baseIds: Set<String>) -> [String] {
        var problems: [String] = []
        let text = (result["message"] as? [String: Any])?["text"] as? String
        if text?.isEmpty ?? true { problems.append("message.text is missing") }
        if let ruleId = result["ruleId"] as? String {
            if !ruleIDs.contains(ruleId) { problems.append("ruleId \(ruleId) is not among the rules") }
            if let ruleIndex = result["ruleIndex"] as? Int, ruleIndex < 0 || ruleIndex >= ruleIDs.count || ruleIDs[ruleIndex] != ruleId {
                problems.append("ruleIndex does not point at rule \(ruleId)")
            }
        } else {
            problems.append("ruleId is missing")
        }
        if let level = result["level"], !levels.contains(level as? String ?? "") { problems.append("level \(level) is not allowed") }
        guard let locations = result["locations"] as? [[String: Any]], let physical = locations.first?["physicalLocation"] as? [String: Any]
        else { return problems + ["locations[0].physicalLocation is missing"] }
        let artifact = physical["artifactLocation"] as? [String: Any]
        if (artifact?["uri"] as? String)?.isEmpty ?? true { problems.append("artifactLocation.uri is missing") }
        if let base = artifact?["uriBaseId"] as? String, !baseIds.contains(base) { problems.append("uriBaseId \(base) is not in originalUriBaseIds") }
        guard let region = physical["region"] as? [String: Any], let startLine = region["startLine"] as? Int, startLine >= 1
        else { return problems + ["region.startLine is missing or below 1"] }
        if let endLine = region["endLine"] as? Int, endLine < startLine { problems.append("region.endLine precedes startLine") }
        if let startColumn = region["startColumn"] as? Int, startColumn < 1 { problems.append("region.startColumn is below 1") }
        if let endColumn = region["endColumn"] as? Int, endColumn < 1 { problems.append("region.endColumn is below 1") }
        return problems
    }
}
