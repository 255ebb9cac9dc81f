import Foundation
import GRDB
import ProvenanceTestSupport
import Testing

/// `index stats --format json` as a client of the JSON reads it.
struct IndexStatsDocument: Decodable {
    struct Count: Decodable, Equatable {
        var name: String
        var count: Int
    }

    var repos: Int
    var files: Int
    var contents: Int
    var bytes: Int
    var contentBytes: Int
    var tokens: Int
    var fingerprints: Int
    var distinctHashes: Int
    var commonFingerprints: Int
    var licenses: [Count]
    var languages: [Count]
    var tableBytes: [Count]
    var fileBytes: Int

    var licenseCounts: [String: Int] { Self.dictionary(licenses) }
    var languageCounts: [String: Int] { Self.dictionary(languages) }
    var tableSizes: [String: Int] { Self.dictionary(tableBytes) }

    /// What two builds of the same sources agree on: every figure but dates and page counts.
    var contentFigures: [Int] {
        [repos, files, contents, bytes, contentBytes, tokens, fingerprints, distinctHashes, commonFingerprints]
    }

    private static func dictionary(_ counts: [Count]) -> [String: Int] {
        Dictionary(counts.map { ($0.name, $0.count) }, uniquingKeysWith: +)
    }
}

extension CommandRunner {
    /// Runs `provenance index …` and expects it to succeed.
    @discardableResult
    func index(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(["index"] + arguments)
        #expect(result.status == 0, "index \(arguments.first ?? ""): \(result.standardError)", sourceLocation: sourceLocation)
        return result
    }

    /// `index stats --format json`, decoded.
    func stats(_ database: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> IndexStatsDocument {
        let result = try index(["stats", "--db", database, "--format", "json"], sourceLocation: sourceLocation)
        return try JSONDecoder().decode(IndexStatsDocument.self, from: Data(result.standardOutput.utf8))
    }
}

/// Expects what DESIGN.md promises for bad input: exit status 2 and one line on
/// standard error that contains `message`.
func expectInputError(_ result: CommandRunner.Result, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 2, "exit \(result.status): \(result.standardError)", sourceLocation: sourceLocation)
    #expect(result.standardError.contains(message), "\(result.standardError)", sourceLocation: sourceLocation)
    #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)", sourceLocation: sourceLocation)
}

/// Reads an index file's tables directly, as an auditor would.
enum IndexTables {
    static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Every file as "repo path content-hash license", sorted: the same for two indexes of
    /// the same files whatever their row ids.
    static func files(_ path: String, repos: [String]? = nil) throws -> [String] {
        try open(path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.name, f.path, hex(c.hash), COALESCE(f.license, r.license, '') FROM files f
                JOIN repos r ON r.id = f.repo_id JOIN contents c ON c.id = f.content_id
                """)
                .filter { row in repos.map { $0.contains(row[0] as String) } ?? true }
                .map { row in "\(row[0] as String) \(row[1] as String) \(row[2] as String) \(row[3] as String)" }
                .sorted()
        }
    }

    /// Per content and view: the number of fingerprints and checksums of their hashes
    /// and positions, sorted by content hash. Two indexes of the same sources agree.
    static func fingerprintDigest(_ path: String) throws -> [String] {
        try open(path).read { db in
            try String.fetchAll(db, sql: """
                SELECT hex(c.hash) || ' ' || f.view || ' ' || COUNT(*) || ' ' || SUM(f.position) || ' ' || SUM(f.hash % 1000003)
                FROM fingerprints f JOIN contents c ON c.id = f.content_id
                GROUP BY c.hash, f.view ORDER BY c.hash, f.view
                """)
        }
    }
}
