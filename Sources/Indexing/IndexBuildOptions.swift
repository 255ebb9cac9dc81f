import Corpus

/// How sources are read into an index.
public struct IndexBuildOptions: Sendable {
    /// Which licenses are admitted; unknown-license files are excluded unless the filter includes them.
    public var licenses: LicenseFilter
    /// Count and report malformed JSONL rows instead of stopping at the first.
    public var skipBad: Bool
    /// Read vendored folders (node_modules, vendor, third_party) too.
    public var includeVendored: Bool
    /// Larger files are skipped.
    public var maxFileSize: Int
    /// Files fingerprinted in parallel before each write; a batch is also cut at `batchBytes`.
    public var batchFiles: Int
    public var batchBytes: Int

    public init(
        licenses: LicenseFilter = .permissive, skipBad: Bool = false, includeVendored: Bool = false,
        maxFileSize: Int = 1 << 20, batchFiles: Int = 2_000, batchBytes: Int = 16 << 20
    ) {
        self.licenses = licenses
        self.skipBad = skipBad
        self.includeVendored = includeVendored
        self.maxFileSize = maxFileSize
        self.batchFiles = batchFiles
        self.batchBytes = batchBytes
    }
}
