import Foundation

/// Locality-sensitive hashing of MinHash signatures by banding.
///
/// Legend: b = bands, r = rows (signature positions) per band. Two files whose
/// shingle sets have Jaccard similarity s share at least one band key with
/// probability `1 − (1 − s^r)^b`, an S-curve; b and r are chosen so that the curve
/// rises at the threshold, minimising the sum of the false-positive area below it
/// and the false-negative area above it (as datasketch does).
public struct LSHBands: Sendable, Hashable, Codable {
    /// Number of bands, b.
    public let bands: Int
    /// Signature positions per band, r.
    public let rows: Int
    /// Seed of the band-key hashes.
    public let seed: UInt64

    public init(bands: Int, rows: Int, seed: UInt64) {
        precondition(bands >= 1 && rows >= 1, "at least one band of one row")
        self.bands = bands
        self.rows = rows
        self.seed = seed
    }

    /// The banding tuned for `threshold` over signatures of `permutations` values.
    public init(threshold: Double, permutations: Int, seed: UInt64) {
        var best = (bands: 1, rows: permutations, error: Double.infinity)
        for bands in 1...permutations {
            for rows in 1...(permutations / bands) {
                let error = Self.falsePositiveArea(threshold, bands, rows)
                    + Self.falseNegativeArea(threshold, bands, rows)
                if error < best.error { best = (bands, rows, error) }
            }
        }
        self.init(bands: best.bands, rows: best.rows, seed: seed)
    }

    /// The probability that two files of Jaccard similarity `similarity` share a band key.
    public func candidateProbability(_ similarity: Double) -> Double {
        1 - pow(1 - pow(similarity, Double(rows)), Double(bands))
    }

    /// One key per band; equal keys in the same band make two files candidates.
    /// An empty signature has no keys.
    public func keys(of signature: MinHashSignature) -> [UInt64] {
        guard !signature.isEmpty else { return [] }
        precondition(signature.values.count >= bands * rows, "signature shorter than bands × rows")
        return signature.values.withUnsafeBytes { bytes in
            (0..<bands).map { band in
                let width = rows * MemoryLayout<UInt32>.stride
                let slice = UnsafeRawBufferPointer(rebasing: bytes[(band * width)..<((band + 1) * width)])
                return XXH3.hash(slice, seed: seed &+ UInt64(band))
            }
        }
    }

    // MARK: - Tuning

    private static func falsePositiveArea(_ threshold: Double, _ bands: Int, _ rows: Int) -> Double {
        integrate(from: 0, to: threshold) { 1 - pow(1 - pow($0, Double(rows)), Double(bands)) }
    }

    private static func falseNegativeArea(_ threshold: Double, _ bands: Int, _ rows: Int) -> Double {
        integrate(from: threshold, to: 1) { pow(1 - pow($0, Double(rows)), Double(bands)) }
    }

    private static func integrate(from lower: Double, to upper: Double, _ f: (Double) -> Double) -> Double {
        let steps = 64
        let width = (upper - lower) / Double(steps)
        var sum = (f(lower) + f(upper)) / 2
        for step in 1..<steps { sum += f(lower + Double(step) * width) }
        return sum * width
    }
}
