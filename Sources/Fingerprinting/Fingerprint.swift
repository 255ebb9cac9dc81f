/// A winnowed k-gram hash and the token position of the k-gram's first token.
public struct Fingerprint: Hashable, Sendable, Codable {
    /// The XXH3 hash of the k-gram.
    public var hash: UInt64
    /// Index, in the file's token stream, of the k-gram's first token.
    public var position: Int32

    public init(hash: UInt64, position: Int32) {
        self.hash = hash
        self.position = position
    }
}
