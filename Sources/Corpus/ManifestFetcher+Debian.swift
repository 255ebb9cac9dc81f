import Foundation

/// Debian source packages come from the apt mirrors the machine already has, without
/// touching its configuration: a private sources list, made from the system's
/// `deb` entries with their type changed to `deb-src`, plus private list and cache
/// folders under `CACHE/apt`, all passed to apt-get with `-o` options.
extension ManifestFetcher {
    func fetchDebianSource(_ entry: CorpusManifest.Entry) throws -> Result {
        let folder = self.folder(for: entry)
        if let dsc = try? verifiedDsc(in: folder, entry: entry) {
            return Result(entry: entry, outcome: .cached, archive: dsc)
        }
        guard ToolRunner.isAvailable("apt-get") else {
            return Result(entry: entry, outcome: .skipped("apt-get is not installed; \(entry.name) not fetched"), archive: nil)
        }
        try prepareAptLists()
        try? FileManager.default.removeItem(at: folder)
        try createFolder(folder)
        let run = try ToolRunner.run(
            "apt-get", aptOptions + ["source", "--download-only", "-q", "\(entry.name)=\(entry.version)"], in: folder)
        guard run.succeeded else { throw fetchError(entry, "apt-get source failed: \(run.lastErrorLine)") }
        return Result(entry: entry, outcome: .downloaded, archive: try verifiedDsc(in: folder, entry: entry))
    }

    /// Checks the `.dsc` against the manifest and its files against the `.dsc`.
    func verifiedDsc(in folder: URL, entry: CorpusManifest.Entry) throws -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard let name = names.first(where: { $0.hasSuffix(".dsc") }) else { throw fetchError(entry, "no .dsc was downloaded") }
        let dsc = folder.appendingPathComponent(name)
        if let expected = entry.sha256, try SHA256.hex(ofFile: dsc.path) != expected {
            throw fetchError(entry, "sha256 mismatch for \(name)")
        }
        let text = String(decoding: FileManager.default.contents(atPath: dsc.path) ?? Data(), as: UTF8.self)
        guard let fields = try Deb822(parsing: text, path: dsc.path).paragraphs.first,
            let checksums = fields["Checksums-Sha256"]
        else { throw fetchError(entry, "\(name) has no Checksums-Sha256") }
        var checked = 0
        for line in checksums.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3 else { continue }
            let file = folder.appendingPathComponent(String(parts[2]))
            guard FileManager.default.fileExists(atPath: file.path) else { throw fetchError(entry, "\(parts[2]) is missing") }
            guard try SHA256.hex(ofFile: file.path) == parts[0].lowercased() else {
                throw fetchError(entry, "\(parts[2]) does not match its checksum in \(name)")
            }
            checked += 1
        }
        guard checked > 0 else { throw fetchError(entry, "\(name) lists no files") }
        return dsc
    }

    // MARK: - Private apt configuration

    private var aptRoot: URL { cache.appendingPathComponent("apt") }

    /// Options that point apt-get at the private configuration. The sandbox user is
    /// root because the private folders belong to whoever runs the fetch, not `_apt`.
    var aptOptions: [String] {
        [
            "-o", "Dir::Etc::SourceList=\(aptRoot.path)/sources.list",
            "-o", "Dir::Etc::SourceParts=\(aptRoot.path)/sources.list.d",
            "-o", "Dir::State::Lists=\(aptRoot.path)/lists",
            "-o", "Dir::Cache=\(aptRoot.path)/cache",
            "-o", "APT::Sandbox::User=root",
        ]
    }

    private func prepareAptLists() throws {
        guard !aptListsReady else { return }
        let parts = aptRoot.appendingPathComponent("sources.list.d")
        for folder in [parts, aptRoot.appendingPathComponent("lists/partial"), aptRoot.appendingPathComponent("cache/archives/partial")] {
            try createFolder(folder)
        }
        let sources = Self.sourceEntries(systemSources())
        guard !sources.isEmpty else {
            throw CorpusError(.fetchFailed, path: aptRoot.path, "the machine has no apt `deb` sources to derive deb-src from")
        }
        do {
            try "".write(to: aptRoot.appendingPathComponent("sources.list"), atomically: true, encoding: .utf8)
            try sources.write(to: parts.appendingPathComponent("deb-src.sources"), atomically: true, encoding: .utf8)
        } catch {
            throw CorpusError(.io, path: parts.path, "cannot write the private sources list")
        }
        let update = try ToolRunner.run("apt-get", aptOptions + ["update", "-q"])
        guard update.succeeded else {
            throw CorpusError(.fetchFailed, path: aptRoot.path, "apt-get update failed: \(update.lastErrorLine)")
        }
        aptListsReady = true
    }

    /// The system's sources files as (name, text), found where apt-config says they are.
    private func systemSources() -> [(name: String, text: String)] {
        var list = "/etc/apt/sources.list"
        var partsFolder = "/etc/apt/sources.list.d/"
        if let shell = try? ToolRunner.run("apt-config", ["shell", "LIST", "Dir::Etc::sourcelist/f", "PARTS", "Dir::Etc::sourceparts/d"]),
            shell.succeeded {
            for line in shell.standardOutput.split(separator: "\n") {
                let value = line.split(separator: "=", maxSplits: 1).last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
                if line.hasPrefix("LIST="), let value { list = value }
                if line.hasPrefix("PARTS="), let value { partsFolder = value }
            }
        }
        var files = [list]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: partsFolder)) ?? []
        files += names.filter { $0.hasSuffix(".list") || $0.hasSuffix(".sources") }.sorted()
            .map { (partsFolder.hasSuffix("/") ? partsFolder : partsFolder + "/") + $0 }
        return files.compactMap { path in
            FileManager.default.contents(atPath: path).map { (path, String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// deb822 stanzas of type `deb-src` for every enabled `deb` entry, from one-line
    /// `.list` files and deb822 `.sources` files alike.
    static func sourceEntries(_ files: [(name: String, text: String)]) -> String {
        var stanzas: [String] = []
        for file in files {
            if file.name.hasSuffix(".sources") {
                guard let parsed = try? Deb822(parsing: file.text, path: file.name) else { continue }
                for paragraph in parsed.paragraphs {
                    let types = (paragraph["Types"] ?? "").split(separator: " ")
                    guard types.contains("deb"), paragraph["Enabled"]?.lowercased() != "no" else { continue }
                    let fields = paragraph.fields.filter { $0.name.lowercased() != "types" }
                        .map { field in
                            // Continuation lines are indented again; an empty one is written " ." in deb822.
                            let lines = field.value.split(separator: "\n", omittingEmptySubsequences: false)
                            return "\(field.name): " + lines.map { $0.isEmpty ? "." : String($0) }.joined(separator: "\n ")
                        }
                    stanzas.append((["Types: deb-src"] + fields).joined(separator: "\n"))
                }
            } else {
                for line in file.text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard words.first == "deb" else { continue }
                    var rest = Array(words.dropFirst())
                    var options: [String] = []
                    if rest.first?.hasPrefix("[") == true {
                        while let word = rest.first {
                            options.append(word)
                            rest.removeFirst()
                            if word.hasSuffix("]") { break }
                        }
                    }
                    guard rest.count >= 2 else { continue }
                    var stanza = ["Types: deb-src", "URIs: \(rest[0])", "Suites: \(rest[1])"]
                    if rest.count > 2 { stanza.append("Components: " + rest.dropFirst(2).joined(separator: " ")) }
                    let signedBy = options.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                        .split(separator: " ").first { $0.hasPrefix("signed-by=") }
                    if let signedBy { stanza.append("Signed-By: " + signedBy.dropFirst("signed-by=".count)) }
                    stanzas.append(stanza.joined(separator: "\n"))
                }
            }
        }
        return stanzas.joined(separator: "\n\n") + (stanzas.isEmpty ? "" : "\n")
    }
}
