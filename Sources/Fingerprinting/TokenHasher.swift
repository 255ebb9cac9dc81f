import CodeLexing

/// Turns tokens into one 64-bit symbol each, per view: the first stage of fingerprinting.
///
/// In the exact view a token's symbol is the XXH3 hash of its text. In the normalized
/// view identifiers, strings and numbers become a constant per class, so renaming a
/// variable or changing a literal leaves the normalized symbols unchanged.
public struct TokenHasher: Sendable {
    /// Seed of the text hashes.
    public let seed: UInt64
    private let classSymbols: [UInt64]

    public init(seed: UInt64) {
        self.seed = seed
        // A class symbol is the hash of a name no token text can equal (it holds a NUL).
        classSymbols = TokenKind.allCases.map { XXH3.hash("\u{0}class:\($0.name)", seed: seed) }
    }

    /// The symbol of every token in `view`, in token order.
    public func symbols(
        of tokens: [Token], in source: UnsafeBufferPointer<UInt8>, view: TokenView
    ) -> [UInt64] {
        let base = UnsafeRawPointer(source.baseAddress)
        return tokens.map { token in
            guard view.keepsText(of: token.kind) else { return classSymbols[Int(token.kind.rawValue)] }
            return XXH3.hash(UnsafeRawBufferPointer(start: base?.advanced(by: token.start), count: token.end - token.start), seed: seed)
        }
    }

    /// The symbol that stands for every token of `kind` in the normalized view.
    /// The normalized view's symbols of `tokens`, given their exact ones: a token whose
    /// text the normalized view keeps has the same symbol in both views, so only the
    /// class symbols need filling in, not a second hash of every keyword and operator.
    public func normalizedSymbols(of tokens: [Token], exact: [UInt64]) -> [UInt64] {
        precondition(tokens.count == exact.count, "one exact symbol per token")
        return zip(tokens, exact).map { token, symbol in
            TokenView.normalized.keepsText(of: token.kind) ? symbol : classSymbols[Int(token.kind.rawValue)]
        }
    }

    public func classSymbol(of kind: TokenKind) -> UInt64 {
        classSymbols[Int(kind.rawValue)]
    }
}
