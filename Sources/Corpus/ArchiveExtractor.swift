import Foundation

/// Unpacks source archives into a temporary folder with the system's `tar`, `unzip`
/// and `dpkg-source`.
///
/// Why outside tools: they already handle every tar dialect (ustar, pax, GNU long
/// names), compression (gzip, bzip2, xz) and zip variant, and they refuse the
/// dangerous members by default — GNU tar and unzip strip leading `/` and refuse
/// `..` components, and GNU tar defers links that could point out of the folder.
/// Extraction runs as files on disk because sdists and Debian sources are small
/// (megabytes); Stack-scale input goes through `StackJSONLReader`, which streams.
enum ArchiveExtractor {
    /// The archive formats recognised, by file name.
    enum Format {
        case tar, zip, debianSource

        init?(path: String) {
            let lower = path.lowercased()
            if lower.hasSuffix(".zip") {
                self = .zip
            } else if lower.hasSuffix(".dsc") {
                self = .debianSource
            } else if [".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar"].contains(where: lower.hasSuffix) {
                self = .tar
            } else {
                return nil
            }
        }
    }

    /// Extracts `archive` into a new temporary folder, removed when the returned value goes.
    static func extract(_ archive: String) throws -> TemporaryFolder {
        guard FileManager.default.isReadableFile(atPath: archive) else {
            throw CorpusError(.io, path: archive, "cannot read the archive")
        }
        guard let format = Format(path: archive) else {
            throw CorpusError(.badArchive, path: archive, "unknown archive type (expected .tar.gz, .zip or .dsc)")
        }
        let folder = try TemporaryFolder(prefix: "provenance-extract")
        let destination = folder.url.appendingPathComponent("x")
        let result: ToolRunner.Result
        switch format {
        case .tar:
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            result = try ToolRunner.run("tar", ["-xf", archive, "-C", destination.path, "--no-same-owner"])
        case .zip:
            result = try ToolRunner.run("unzip", ["-q", "-o", archive, "-d", destination.path])
        case .debianSource:
            // dpkg-source creates the destination itself; signatures are not checked here
            // (the fetcher verifies checksums against the .dsc instead).
            result = try ToolRunner.run(
                "dpkg-source", ["--no-check", "--no-copy", "--skip-patches", "-x", archive, destination.path])
        }
        guard result.succeeded else {
            throw CorpusError(.badArchive, path: archive, "extraction failed: \(result.lastErrorLine)")
        }
        return folder
    }

    /// The folder an archive's files live under: its single top-level folder when it
    /// has one (as sdists do: `NAME-VERSION/`), else the extraction folder itself.
    static func contentRoot(of folder: TemporaryFolder) -> URL {
        let extracted = folder.url.appendingPathComponent("x")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: extracted.path)) ?? []
        if entries.count == 1 {
            let only = extracted.appendingPathComponent(entries[0])
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: only.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return only
            }
        }
        return extracted
    }
}
