/// The index file format: one constant, bumped on every incompatible change.
///
/// Changelog (newest first):
/// - 3: normalized fingerprints also record which names repeat within their k-gram, and
///   where (parameterized k-grams), so files that share a shape of statements but not
///   its pattern of names no longer share normalized fingerprints; `common_names` lists the
///   names and strings in more than 1% of contents and `name_postings` which contents hold
///   the others, so a renaming is told, and found, by the rare names it keeps.
/// - 2: `contents.data` is one zstd level-3 frame (3.5× smaller); `contents.checkpoints`
///   says where lexing can restart in each stored file, so the query path lexes a window
///   around its hits instead of the whole file.
/// - 1: first format — repos, files, deduplicated contents, fingerprints clustered on
///   their hash (WITHOUT ROWID), MinHash signatures, LSH buckets, common fingerprints,
///   metadata, and the sources table that makes builds resumable.
///
/// The format version lives in SQLite's `user_version`; `application_id` marks the
/// file as a Provenance index. `Index/FORMAT.md` documents every table.
public enum IndexFormat {
    /// The format this build reads and writes.
    public static let version: Int32 = 3

    /// `PRAGMA application_id` of every index: "PRVN".
    public static let applicationID: Int32 = 0x5052_564E

    /// The suffix of a build in progress; renamed to the final path when complete.
    public static let partialSuffix = ".building"

    /// Version of the lexers' output as the index depends on it: bump when tokens change.
    public static let lexerVersion = 1

    /// Version of the normalized view and fingerprint pipeline: bump when hashes change.
    public static let normalizationVersion = 2
}
