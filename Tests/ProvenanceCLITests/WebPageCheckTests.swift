import Foundation
import ProvenanceTestSupport
import Testing

/// Runs `scripts/check-web-page.sh` (the page in a real headless Chromium) against the built
/// binary, where Chromium is installed; elsewhere the test is skipped, saying so.
struct WebPageCheckTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(
        "the web page highlights a known copy, pasted or uploaded, with its source, license and excerpt in headless Chromium",
        .enabled(if: chromium != nil, "chromium is not installed; run scripts/check-web-page.sh by hand (it installs it)"))
    func pageInChromium() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/check-web-page.sh").path, "--no-install"]
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["PROVENANCE"] = try CommandRunner().executable.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("check-web-page: OK, pasted and uploaded"), "\(text)")
    }
}
