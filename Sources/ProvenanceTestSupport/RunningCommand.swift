import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `provenance` run in the background, for tests that watch or interrupt it.
///
/// Standard error is collected as it comes, so a test can wait for a progress line;
/// standard output is discarded.
///
/// ```swift
/// let build = try CommandRunner().start(["index", "build", "--db", path, "--input", rows])
/// defer { build.stop() }
/// #expect(build.wait(timeout: 30) { build.standardError.contains("files stored") })
/// build.kill()
/// ```
public final class RunningCommand: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private let drained = DispatchGroup()
    private var errors = Data()

    init(executable: URL, arguments: [String]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        DispatchQueue.global().async(group: drained) { [self] in
            while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
                lock.withLock { errors.append(chunk) }
            }
        }
    }

    /// What the command has written to standard error so far.
    public var standardError: String {
        lock.withLock { String(decoding: errors, as: UTF8.self) }
    }

    public var isRunning: Bool { process.isRunning }

    /// Polls `condition` every 5 ms until it holds (true), the command exits, or `timeout`
    /// seconds pass (false either way).
    public func wait(timeout: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            usleep(5_000)
        }
        return false
    }

    /// Sends SIGKILL: the process dies at once, between any two instructions.
    public func kill() {
        if process.isRunning { sendKill(to: process.processIdentifier) }
    }

    /// Waits for the command to end; returns how it ended, and its exit status or signal.
    @discardableResult
    public func waitUntilExit() -> (reason: Process.TerminationReason, status: Int32) {
        process.waitUntilExit()
        drained.wait()
        return (process.terminationReason, process.terminationStatus)
    }

    /// Kills the command if it still runs and waits for it: for `defer`.
    public func stop() {
        kill()
        waitUntilExit()
    }
}

private func sendKill(to processIdentifier: Int32) {
    _ = kill(processIdentifier, SIGKILL)
}

extension CommandRunner {
    /// Starts `provenance` with `arguments` and returns without waiting for it.
    public func start(_ arguments: [String]) throws -> RunningCommand {
        try RunningCommand(executable: executable, arguments: arguments)
    }
}
