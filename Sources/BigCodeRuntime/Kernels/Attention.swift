import COpenBLAS

// Legend: T new tokens, P tokens already in the cache (past), S = P + T keys visible,
// H query heads, G key/value heads (1 for multi-query), D head size.
// A query head h reads key/value head h / (H / G).

/// Causal scaled dot-product attention over a KV cache, multi-query or multi-head.
enum Attention {
    /// The shapes of one attention call.
    struct Shape {
        /// New tokens (T).
        var tokens: Int
        /// Tokens already in the cache before these (P).
        var past: Int
        /// Query heads (H).
        var heads: Int
        /// Key/value heads (G): 1 for multi-query attention, H for multi-head.
        var keyValueHeads: Int
        /// Channels per head (D).
        var headSize: Int
    }

    /// `out[t, h·D ..< (h+1)·D] = softmax_s(q[t,h] · k[s,g] · scale, s ≤ P + t) · v[s,g]`.
    ///
    /// - Parameters:
    ///   - out: `[T, H·D]`, heads concatenated in head order.
    ///   - query: rows of `queryRowStride` floats; row t's first `H·D` floats are the heads of token t.
    ///   - keys: the layer's key cache, `[≥ S, G·D]`; rows `P ..< S` already hold the new tokens.
    ///   - values: the layer's value cache, same layout as `keys`.
    ///   - scores: scratch of at least `T · S` floats.
    static func forward(
        _ out: inout [Float], query: [Float], queryRowStride: Int,
        keys: [Float], values: [Float], scores: inout [Float],
        shape: Shape, scale: Float
    ) {
        let (t, p, h, g, d) = (shape.tokens, shape.past, shape.heads, shape.keyValueHeads, shape.headSize)
        let s = p + t
        let kvStride = g * d
        precondition(h % g == 0, "Attention: heads must be a multiple of key/value heads")
        precondition(out.count >= t * h * d && query.count >= (t - 1) * queryRowStride + h * d, "Attention: bad sizes")
        precondition(keys.count >= s * kvStride && values.count >= s * kvStride, "Attention: cache too short")
        precondition(scores.count >= t * s, "Attention: scratch too short")
        let group = h / g
        for head in 0..<h {
            let kvHead = head / group
            // scores[T, S] = q_head · k_kvHeadᵀ · scale
            scores.withUnsafeMutableBufferPointer { sc in
                query.withUnsafeBufferPointer { q in
                    keys.withUnsafeBufferPointer { k in
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(t), Int32(s), Int32(d),
                            scale, q.baseAddress! + head * d, Int32(queryRowStride),
                            k.baseAddress! + kvHead * d, Int32(kvStride), 0, sc.baseAddress, Int32(s))
                    }
                }
                // causal mask: token t sees keys 0 ... P + t; the rest get weight 0.
                for row in 0..<t {
                    let visible = p + row + 1
                    for column in visible..<s { sc[row * s + column] = 0 }
                }
            }
            for row in 0..<t {
                Softmax.forward(&scores, offset: row * s, count: p + row + 1)
            }
            // out_head[T, D] = scores[T, S] · v_kvHead[S, D]
            out.withUnsafeMutableBufferPointer { o in
                scores.withUnsafeBufferPointer { sc in
                    values.withUnsafeBufferPointer { v in
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(t), Int32(d), Int32(s),
                            1, sc.baseAddress, Int32(s), v.baseAddress! + kvHead * d, Int32(kvStride),
                            0, o.baseAddress! + head * d, Int32(h * d))
                    }
                }
            }
        }
    }
}
