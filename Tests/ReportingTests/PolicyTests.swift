import Foundation
import ProvenanceCore
import Reporting
import Testing

/// The shipped policy files and how a policy decides.
struct PolicyTests {
    static let policies = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies")

    @Test("policies/default.json is the built-in default policy")
    func shippedDefault() throws {
        #expect(try Policy.load(path: Self.policies.appendingPathComponent("default.json").path) == .default)
    }

    @Test("the strict CI example loads and blocks what it says")
    func strictExample() throws {
        let policy = try Policy.load(path: Self.policies.appendingPathComponent("strict-ci.json").path)
        #expect(policy.action(repo: "a/b", license: License("LGPL-2.1-only")) == .block)
        #expect(policy.action(repo: "a/b", license: License("MPL-2.0")) == .annotate)
        #expect(policy.action(repo: "a/b", license: .unknown) == .block)
        #expect(policy.minTokens == 80)
    }

    @Test("repos beat licenses, licenses beat classes; an OR expression takes its least restrictive class")
    func precedence() throws {
        let json = #"{"licenses": {"Apache-2.0": "block"}, "repos": {"acme/ok": "allow"}}"#
        let policy = try JSONDecoder().decode(Policy.self, from: Data(json.utf8))
        #expect(policy.action(repo: "acme/ok", license: License("Apache-2.0")) == .allow)
        #expect(policy.action(repo: "other/x", license: License("Apache-2.0")) == .block)
        #expect(policy.action(repo: "other/x", license: License("MIT")) == .annotate)
        #expect(policy.action(repo: "other/x", license: License("GPL-3.0-only")) == .block)
        #expect(policy.action(repo: "other/x", license: License("GPL-2.0-only OR MIT")) == .annotate)
        #expect(policy.action(repo: "other/x", license: License("CC0-1.0")) == .allow)
    }

    @Test("a license expression is decided per license: AND takes the strongest action, OR the weakest, WITH and parentheses bind")
    func expressions() throws {
        let json = #"{"licenses": {"Apache-2.0": "block", "GPL-2.0-only WITH Classpath-exception-2.0": "annotate"}}"#
        let policy = try JSONDecoder().decode(Policy.self, from: Data(json.utf8))
        func action(_ expression: String) -> PolicyAction { policy.action(repo: "x/y", license: License(expression)) }
        // A licenses entry for one alternative no longer blocks code the user may take under another.
        #expect(action("Apache-2.0 OR MIT") == .annotate)
        #expect(action("Apache-2.0 AND MIT") == .block)
        #expect(action("CC0-1.0 OR GPL-3.0-only") == .allow)
        #expect(action("CC0-1.0 AND GPL-3.0-only") == .block)
        #expect(action("(MIT OR GPL-3.0-only) AND CC0-1.0") == .annotate)
        #expect(action("MIT OR GPL-3.0-only AND Apache-2.0") == .annotate, "AND binds tighter than OR")
        #expect(action("(MIT OR GPL-3.0-only) AND Apache-2.0") == .block)
        // An entry may name a license with its exception; without one the license's class decides.
        #expect(action("GPL-2.0-only WITH Classpath-exception-2.0") == .annotate)
        #expect(action("GPL-2.0-only") == .block)
        #expect(action("gpl-2.0-only with Classpath-exception-2.0 OR CC0-1.0") == .allow)
    }

    @Test("a license's class: OR takes the most permissive alternative, AND the most restrictive part")
    func licenseClasses() {
        #expect(License("MIT OR GPL-3.0-only").licenseClass == .permissive)
        #expect(License("(MIT OR GPL-3.0-only) AND LGPL-2.1-only").licenseClass == .weakCopyleft)
        #expect(License("MIT OR GPL-3.0-only AND LGPL-2.1-only").licenseClass == .permissive)
        #expect(License("GPL-2.0-or-later").licenseClass == .strongCopyleft)
        #expect(License("Unheard-Of-1.0").licenseClass == .unknown)
        #expect(License.unknown.licenseClass == .unknown)
        #expect(License("((MIT)").licenseClass == .permissive, "an unbalanced expression folds what it can read")
    }

    @Test("a policy file naming an unknown class or action is refused with the problem named")
    func badFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, json, problem) in [
            ("class.json", #"{"classes": {"copyleft-ish": "block"}}"#, "unknown license class 'copyleft-ish'"),
            ("action.json", #"{"classes": {"permissive": "maybe"}}"#, "maybe"),
            ("broken.json", #"{"classes": "#, "policy"),
        ] {
            let path = folder.appendingPathComponent(name).path
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: ReportingError.self) { try Policy.load(path: path) }
            do { _ = try Policy.load(path: path) } catch {
                #expect("\(error)".contains(problem), "\(error)")
            }
        }
    }
}
