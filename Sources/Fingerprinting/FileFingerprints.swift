import CodeLexing

/// Everything the index keeps to find a file again: winnowed fingerprints in both
/// views and the MinHash signature of its normalized shingles.
public struct FileFingerprints: Sendable, Hashable {
    /// Number of tokens in the file.
    public var tokenCount: Int
    /// Winnowed fingerprints of the exact view, in position order.
    public var exact: [Fingerprint]
    /// Winnowed fingerprints of the normalized view, in position order.
    public var normalized: [Fingerprint]
    /// MinHash signature of the normalized shingles.
    public var signature: MinHashSignature
    /// Where lexing can restart, so a window of the stored file can be verified alone.
    public var checkpoints: TokenCheckpoints

    public init(
        tokenCount: Int, exact: [Fingerprint], normalized: [Fingerprint], signature: MinHashSignature,
        checkpoints: TokenCheckpoints
    ) {
        self.tokenCount = tokenCount
        self.exact = exact
        self.normalized = normalized
        self.signature = signature
        self.checkpoints = checkpoints
    }

    /// The fingerprints of one view.
    public func fingerprints(in view: TokenView) -> [Fingerprint] {
        switch view {
        case .exact: exact
        case .normalized: normalized
        }
    }
}
