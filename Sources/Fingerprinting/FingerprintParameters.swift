/// The parameters that fix what a fingerprint is. An index records them and keeps them for life.
///
/// Legend: k = tokens per k-gram, w = k-grams per winnowing window. Any run of at
/// least `w + k - 1` shared tokens is guaranteed to share a fingerprint; a random
/// token stream keeps about `2 / (w + 1)` of its k-grams.
public struct FingerprintParameters: Sendable, Hashable, Codable {
    /// Tokens per k-gram. Example: 12.
    public var k: Int
    /// Window length in k-grams. Example: 20.
    public var w: Int
    /// Seed of every XXH3 hash (token texts, k-grams, MinHash permutations, band keys).
    public var seed: UInt64
    /// Tokens per MinHash shingle. Example: 5.
    public var shingleLength: Int
    /// MinHash permutations (signature length). Example: 256.
    public var permutations: Int
    /// The Jaccard similarity near-duplicate search is tuned for. Example: 0.8.
    public var jaccardThreshold: Double

    /// k = 12 and w = 20 guarantee a shared fingerprint for any copied run of 31 tokens
    /// (about three lines of code) while keeping one k-gram in ten.
    public static let `default` = FingerprintParameters(
        k: 12, w: 20, seed: 0x5052_4F56_454E_414E, shingleLength: 5, permutations: 256,
        jaccardThreshold: 0.8)

    public init(
        k: Int, w: Int, seed: UInt64, shingleLength: Int, permutations: Int, jaccardThreshold: Double
    ) {
        precondition(k >= 1 && w >= 1, "k and w are at least 1")
        precondition(shingleLength >= 1 && permutations >= 1, "shingles and permutations are at least 1")
        precondition(jaccardThreshold > 0 && jaccardThreshold < 1, "the Jaccard threshold lies in (0, 1)")
        self.k = k
        self.w = w
        self.seed = seed
        self.shingleLength = shingleLength
        self.permutations = permutations
        self.jaccardThreshold = jaccardThreshold
    }

    /// The shortest shared run of tokens that is guaranteed to share a fingerprint.
    public var guaranteedMatchLength: Int { w + k - 1 }
}
