/// What counts as a reportable copy.
public struct MatchOptions: Sendable, Hashable {
    /// A span is reported only when it has at least this many tokens.
    ///
    /// 50 tokens is about 150–250 characters or 5–8 lines of typical code — the range
    /// GitHub's code referencing (about 150 characters) and SCANOSS (about 10 lines)
    /// work in — so imports, `if __name__ == "__main__":`, getters and license headers
    /// are never flagged. It is above the index's winnowing guarantee (w + k − 1 = 31
    /// tokens by default), so every copy this long is found, not just most.
    public var minTokens: Int
    /// A span is reported only when it has code (not only brackets) on at least this many
    /// query lines: one- and two-line idioms are never copies worth attributing, however
    /// many tokens they hold, nor does a `});` that follows them in both files make them so.
    public var minLines = 3
    /// The largest insertion or deletion, in tokens, an edited copy may have between two shared runs.
    public var maxGap: Int
    /// An edited copy's shared tokens divided by its longer side must reach this.
    public var editedSimilarity: Double
    /// Most candidate contents verified per query (the ones with the longest seed chains).
    public var maxCandidates: Int
    /// Seeds a candidate's longest chain needs before it is verified.
    ///
    /// Two: a shared run of at least 2w + k − 1 tokens (51 by default) spans two disjoint
    /// windows of w k-grams and so always leaves two seeds on its diagonal, while most
    /// chance hits between unrelated files are single. Verifying only chained candidates
    /// cut warm query latency about fourfold on the default index (quality-bench).
    public var minChainSeeds: Int
    /// How far past a stored file's hits, in tokens, verification follows a run.
    ///
    /// Outside common code a copy's seeds are at most w k-grams apart; the margin is room
    /// for a run to go on through common code, whose fingerprints are not looked up.
    /// Verification lexes narrow windows first and widens only where a run reaches their
    /// edge (`narrowWindowMargin`), so a wide margin costs little. Until the narrow pass,
    /// lexing ran on to the next stored checkpoint (up to 127 tokens more), and 128 plus
    /// that slack found what 256 did in quality-bench; 256 keeps what the slack reached
    /// now that checkpoints are closer.
    public var windowMargin = 256
    /// Tokens lexed on each side of a candidate's seeds first (`Matcher`): a candidate whose
    /// runs all end inside these narrow windows is not lexed more widely (then half the
    /// margin is tried, then the margin), and most share only a fragment with the query.
    /// It changes what verifying costs, not what it finds.
    public var narrowWindowMargin = 16
    /// Common normalized fingerprints in at most this many contents are looked up when
    /// they make a run of `minTokens` query tokens (`SharedShapes`): a renamed copy of one
    /// of a few hundred files of one pattern. Shapes in more files (imports, accessors,
    /// boilerplate every project has) are never looked up.
    public var sharedShapeContents = 300
    /// Most shared-shape candidates verified per query, best aligned first.
    public var sharedShapeCandidates = 16
    /// Most (query position, stored position) pairs the shared-shape lookup makes per
    /// query — a shape's stored occurrences times its query positions — rarest shapes first.
    public var sharedShapeSeedBudget = 10_000
    /// How far past a shared-shape candidate's seeds verification follows a run (64 plus
    /// the checkpoint slack `windowMargin` describes, before the narrow pass).
    public var sharedShapeWindowMargin = 128
    /// Most files verified per query because they hold the rare names of a run of code
    /// whose shape is everywhere (`RareNames`); 0 turns the lookup off.
    public var rareNameCandidates = 8
    /// Near-duplicate files are reported from this estimated Jaccard similarity up.
    public var nearDuplicateJaccard: Double

    public static let `default` = MatchOptions(
        minTokens: 50, maxGap: 12, editedSimilarity: 0.7, maxCandidates: 200, minChainSeeds: 2, nearDuplicateJaccard: 0.8)

    public init(minTokens: Int, maxGap: Int, editedSimilarity: Double, maxCandidates: Int, minChainSeeds: Int, nearDuplicateJaccard: Double) {
        self.minTokens = minTokens
        self.maxGap = maxGap
        self.editedSimilarity = editedSimilarity
        self.maxCandidates = maxCandidates
        self.minChainSeeds = minChainSeeds
        self.nearDuplicateJaccard = nearDuplicateJaccard
    }
}
