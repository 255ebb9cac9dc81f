import GRDB

/// The tables of an index (format `IndexFormat.version`). `Index/FORMAT.md` documents them.
///
/// Fingerprints belong to contents, not files: a file copied into 500 repositories
/// is stored, lexed and fingerprinted once, and `files` says where it appears.
/// Hashes are XXH3-64 values stored as SQLite's signed 64-bit integers (bit pattern).
enum IndexSchema {
    static let tables = """
        CREATE TABLE metadata (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            description TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL,
            files INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            report TEXT
        );
        CREATE TABLE repos (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            url TEXT,
            license TEXT,
            license_origin TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            revision TEXT,
            stars INTEGER
        );
        CREATE TABLE contents (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL,
            language TEXT NOT NULL,
            size INTEGER NOT NULL,
            tokens INTEGER NOT NULL,
            data BLOB NOT NULL,
            checkpoints BLOB NOT NULL,
            UNIQUE (hash, language)
        );
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            repo_id INTEGER NOT NULL REFERENCES repos(id),
            source_id INTEGER NOT NULL REFERENCES sources(id),
            path TEXT NOT NULL,
            language TEXT NOT NULL,
            size INTEGER NOT NULL,
            content_id INTEGER NOT NULL REFERENCES contents(id),
            license TEXT,
            license_origin TEXT,
            UNIQUE (repo_id, path)
        );
        CREATE INDEX files_by_content ON files(content_id);
        CREATE INDEX files_by_source ON files(source_id);
        CREATE TABLE fingerprints (
            hash INTEGER NOT NULL,
            view INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (hash, view, content_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE signatures (
            content_id INTEGER PRIMARY KEY,
            minhash BLOB NOT NULL
        );
        CREATE TABLE lsh_buckets (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            PRIMARY KEY (band, key, content_id)
        ) WITHOUT ROWID;
        CREATE TABLE common_fingerprints (
            hash INTEGER NOT NULL,
            view INTEGER NOT NULL,
            contents INTEGER NOT NULL,
            PRIMARY KEY (hash, view)
        ) WITHOUT ROWID;
        CREATE TABLE common_names (
            hash INTEGER PRIMARY KEY,
            contents INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE name_postings (
            hash INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            PRIMARY KEY (hash, content_id)
        ) WITHOUT ROWID;
        """

    /// An unindexed append-only table a fresh build loads fingerprints into; moved into
    /// `fingerprints` in key order when the build finishes (faster than random B-tree inserts).
    static let staging = """
        CREATE TABLE IF NOT EXISTS fingerprints_staging (
            hash INTEGER NOT NULL,
            view INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            position INTEGER NOT NULL
        );
        """

    static func create(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(IndexFormat.applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(IndexFormat.version)")
        try db.execute(sql: tables)
    }
}
