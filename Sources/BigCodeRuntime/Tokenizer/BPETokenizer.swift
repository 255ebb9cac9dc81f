import Foundation

/// A byte-level BPE tokenizer read from a Hugging Face `tokenizer.json` (SantaCoder, StarCoder).
///
/// Encoding: added tokens are matched first, atomically; the rest is pre-tokenized (digits,
/// GPT-2 regex), mapped byte by byte to GPT-2's printable alphabet, and merged by rank.
/// No BOS is prepended. Decoding maps tokens back to bytes; it round-trips any UTF-8 text.
///
/// ```swift
/// let tokenizer = try BPETokenizer(contentsOf: folder.appendingPathComponent("tokenizer.json"))
/// let ids = tokenizer.encode("def add(a, b):")
/// let text = tokenizer.decode(ids)  // "def add(a, b):"
/// ```
public struct BPETokenizer: Sendable {
    /// A merge's rank (lower merges first) and the id of the merged token.
    struct Merge: Sendable {
        var rank: Int32
        var merged: Int32
    }

    /// Every token's text by id: BPE vocabulary and added tokens.
    let tokens: [String]
    /// Ids by token text.
    let ids: [String: Int]
    /// The ids of added tokens (special or not), by content.
    public let addedTokens: [String: Int]
    /// Merges by the pair of ids they join, `left << 32 | right`.
    let merges: [UInt64: Merge]
    /// The id of each byte's single-character token.
    let byteTokenIDs: [Int]
    let preTokenizer: PreTokenizer
    let addedTokenMatcher: AddedTokenMatcher
    let alphabet = ByteLevelAlphabet.gpt2

    /// The number of ids, added tokens included (may be less than the model's padded vocabulary).
    public var count: Int { tokens.count }

    /// Reads `tokenizer.json`.
    public init(contentsOf url: URL) throws(BigCodeError) {
        guard let data = try? Data(contentsOf: url) else { throw .missingFile(path: url.lastPathComponent) }
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            throw .malformedFile(path: url.lastPathComponent, reason: "not a JSON object")
        }
        try self.init(json: json)
    }

    /// Reads a parsed `tokenizer.json`.
    public init(json: [String: Any]) throws(BigCodeError) {
        guard let model = json["model"] as? [String: Any], model["type"] as? String ?? "BPE" == "BPE",
            let vocabulary = model["vocab"] as? [String: Int]
        else {
            throw .unsupportedTokenizer(reason: "model is not a BPE with a vocab")
        }
        if let normalizer = json["normalizer"], !(normalizer is NSNull) {
            throw .unsupportedTokenizer(reason: "normalizers are not supported")
        }
        if model["byte_fallback"] as? Bool == true || model["continuing_subword_prefix"] is String {
            throw .unsupportedTokenizer(reason: "byte_fallback and continuing_subword_prefix are not supported")
        }
        preTokenizer = try PreTokenizer(json: json["pre_tokenizer"])

        var added: [String: Int] = [:]
        for case let entry as [String: Any] in json["added_tokens"] as? [Any] ?? [] {
            guard let id = entry["id"] as? Int, let content = entry["content"] as? String else { continue }
            added[content] = id
        }
        var ids = vocabulary
        ids.merge(added) { _, new in new }
        let count = (ids.values.max() ?? -1) + 1
        var tokens = [String](repeating: "", count: count)
        for (token, id) in ids where id >= 0 { tokens[id] = token }
        self.tokens = tokens
        self.ids = ids
        addedTokens = added
        addedTokenMatcher = AddedTokenMatcher(tokens: added)
        merges = try Self.parseMerges(model["merges"], vocabulary: vocabulary)
        byteTokenIDs = try (0...255).map { (byte: Int) throws(BigCodeError) -> Int in
            let text = String(ByteLevelAlphabet.gpt2.scalarOfByte[byte])
            guard let id = vocabulary[text] else {
                throw .unsupportedTokenizer(reason: "byte 0x\(String(byte, radix: 16)) has no token \(text)")
            }
            return id
        }
    }

    /// Merges as `"a b"` strings (older files) or `["a", "b"]` pairs (current `tokenizers`).
    private static func parseMerges(_ json: Any?, vocabulary: [String: Int]) throws(BigCodeError) -> [UInt64: Merge] {
        guard let list = json as? [Any] else { throw .unsupportedTokenizer(reason: "model.merges is missing") }
        var merges: [UInt64: Merge] = [:]
        merges.reserveCapacity(list.count)
        for (rank, entry) in list.enumerated() {
            let pair: [String]
            if let text = entry as? String {
                pair = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            } else {
                pair = entry as? [String] ?? []
            }
            guard pair.count == 2, let left = vocabulary[pair[0]], let right = vocabulary[pair[1]],
                let merged = vocabulary[pair[0] + pair[1]]
            else {
                throw .unsupportedTokenizer(reason: "merge \(rank) \(entry) names tokens outside the vocab")
            }
            let key = UInt64(left) << 32 | UInt64(right)
            if merges[key] == nil { merges[key] = Merge(rank: Int32(rank), merged: Int32(merged)) }
        }
        return merges
    }

    /// The id of a token's text (an added token's content, or a BPE token in byte-level form).
    public func id(of token: String) -> Int? { ids[token] }

    /// The text of token `id` as stored (byte-level form for BPE tokens).
    public func token(of id: Int) -> String? { tokens.indices.contains(id) ? tokens[id] : nil }
}
