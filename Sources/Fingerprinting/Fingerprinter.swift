import CodeLexing
import ProvenanceCore

/// The fingerprinting pipeline for one file: lex, hash tokens in both views, hash
/// k-grams, winnow, and sign the normalized shingles.
///
/// ```swift
/// let fingerprinter = Fingerprinter(parameters: .default)
/// let prints = fingerprinter.fingerprints(of: Array(code.utf8), language: .python)
/// prints.exact.count      // ≈ 2 / (w + 1) of the k-grams
/// fingerprinter.bands.keys(of: prints.signature)
/// ```
public struct Fingerprinter: Sendable {
    /// The parameters every hash here was made with.
    public let parameters: FingerprintParameters
    /// Token symbols per view.
    public let tokenHasher: TokenHasher
    /// k-gram hashes over token symbols.
    public let kgramHasher: KGramHasher
    /// Fingerprint selection.
    public let winnower: Winnower
    /// Near-duplicate signatures.
    public let minHasher: MinHasher
    /// Band keys for near-duplicate candidates.
    public let bands: LSHBands

    public init(parameters: FingerprintParameters) {
        self.parameters = parameters
        tokenHasher = TokenHasher(seed: parameters.seed)
        kgramHasher = KGramHasher(k: parameters.k, seed: parameters.seed)
        winnower = Winnower(w: parameters.w)
        minHasher = MinHasher(
            permutations: parameters.permutations, shingleLength: parameters.shingleLength, seed: parameters.seed)
        bands = LSHBands(
            threshold: parameters.jaccardThreshold, permutations: parameters.permutations, seed: parameters.seed)
    }

    /// Every k-gram hash of `tokens` in `view`, not only the winnowed ones (what a query looks up).
    public func kgramHashes(of tokens: [Token], in source: UnsafeBufferPointer<UInt8>, view: TokenView) -> [UInt64] {
        let exact = tokenHasher.symbols(of: tokens, in: source, view: .exact)
        return kgramHashes(
            exact: exact, normalized: view == .exact ? [] : tokenHasher.normalizedSymbols(of: tokens, exact: exact), view: view)
    }

    /// Every k-gram hash in `view` of a token stream whose symbols are `exact` and
    /// `normalized` (the latter unused, and may be empty, for the exact view).
    ///
    /// A normalized k-gram also records which of its names repeat, and where
    /// (`KGramHasher.hashes(of:names:nameSymbol:)`): a consistent renaming keeps it, and
    /// files that share only a shape of statements, not its pattern of names, do not.
    public func kgramHashes(exact: [UInt64], normalized: [UInt64], view: TokenView) -> [UInt64] {
        switch view {
        case .exact: kgramHasher.hashes(of: exact)
        case .normalized: kgramHasher.hashes(of: normalized, names: exact, nameSymbol: tokenHasher.classSymbol(of: .identifier))
        }
    }

    /// The fingerprints and signature of already lexed tokens.
    public func fingerprints(of tokens: [Token], in source: UnsafeBufferPointer<UInt8>) -> FileFingerprints {
        let exactSymbols = tokenHasher.symbols(of: tokens, in: source, view: .exact)
        let normalizedSymbols = tokenHasher.normalizedSymbols(of: tokens, exact: exactSymbols)
        return FileFingerprints(
            tokenCount: tokens.count,
            exact: winnower.fingerprints(of: kgramHashes(exact: exactSymbols, normalized: [], view: .exact)),
            normalized: winnower.fingerprints(of: kgramHashes(exact: exactSymbols, normalized: normalizedSymbols, view: .normalized)),
            signature: minHasher.signature(ofNormalizedSymbols: normalizedSymbols),
            checkpoints: TokenCheckpoints(tokens: tokens, in: source))
    }

    /// Lexes `source` as `language` and fingerprints it.
    public func fingerprints(of source: [UInt8], language: Language) -> FileFingerprints {
        source.withUnsafeBufferPointer { buffer in
            fingerprints(of: language.lexer.tokens(in: buffer), in: buffer)
        }
    }
}
