import IndexStore
import ProvenanceCore

/// Why a match was reported: the evidence `check --explain` prints.
public struct MatchExplanation: Sendable, Hashable, Codable {
    /// Query k-grams found in the source's stored fingerprints, per view.
    public var exactFingerprints: Int
    public var normalizedFingerprints: Int
    /// Maximal runs of corresponding tokens the span was chained from (1 unless edited).
    public var runs: Int
    /// Tokens that correspond between query and source.
    public var sharedTokens: Int
    /// Shared tokens over the longer side.
    public var similarity: Double
    /// Where the source's license came from.
    public var licenseOrigin: LicenseOrigin
    /// The attribution rule that picked this source among `alsoIn` others.
    public var rule: String
}

/// One copied span: where it is in the query, where it came from, under which license.
///
/// Invariant: `tokens >= MatchOptions.minTokens`; the source is the one the stable
/// attribution rule picks among every corpus file holding the span.
public struct AttributedMatch: Sendable, Hashable {
    /// Query lines (1-based, inclusive) and tokens.
    public var query: LineRange
    public var queryTokens: Range<Int>
    public var tokens: Int
    public var characters: Int
    public var kind: MatchKind
    /// The attributed source file and the lines of the span in it.
    public var source: StoredFile
    public var sourceLines: LineRange
    /// How many other corpus files hold the same span.
    public var alsoIn: Int
    public var explanation: MatchExplanation
    /// A hash of the query span's normalized tokens: the same for a reformatted or renamed
    /// copy of the same code, so a report can recognise a finding across runs and edits.
    public var spanHash: UInt64
}

/// Query lines covered only by common fingerprints (code in many corpus files): not attributed.
public struct CommonRegion: Sendable, Hashable {
    public var query: LineRange
    /// Common fingerprints hit in the region.
    public var fingerprints: Int
}

/// A whole corpus file similar to the query as a whole.
public struct NearDuplicate: Sendable, Hashable {
    public var source: StoredFile
    public var estimatedJaccard: Double
}

/// Everything matching found for one query file.
public struct MatchReport: Sendable {
    public var language: Language
    public var tokens: Int
    /// Reported spans in query order.
    public var matches: [AttributedMatch]
    public var common: [CommonRegion]
    public var nearDuplicates: [NearDuplicate]
}
