import COpenBLAS

// Legend: T new tokens, P tokens already in the cache (past), S = P + T keys visible,
// H query heads, G key/value heads (1 for multi-query), D head size, B query rows in one block.
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

    /// Query rows per block (B): a block multiplies only the keys its last row can see, so a
    /// long prefill skips most of the masked upper triangle.
    static let blockRows = 64

    /// `out[t, h·D ..< (h+1)·D] = softmax_s(q[t,h] · k[s,g] · scale, s ≤ P + t) · v[s,g]`.
    ///
    /// Each (head, block of B query rows) is an independent task run across cores, OpenBLAS
    /// running each product on the calling thread (see `Parallel.blasOnCallingThread`). With one
    /// key/value head and several new tokens, a task is a whole block: all H heads share the keys,
    /// so their B·H query rows go through one product of each kind instead of H small ones.
    ///
    /// - Parameters:
    ///   - out: `[T, H·D]`, heads concatenated in head order.
    ///   - query: rows of `queryRowStride` floats; row t's first `H·D` floats are the heads of token t.
    ///   - keys: the layer's key cache, `[≥ S, G·D]`; rows `P ..< S` already hold the new tokens.
    ///   - values: the layer's value cache, same layout as `keys`.
    static func forward(
        _ out: inout [Float], query: [Float], queryRowStride: Int,
        keys: [Float], values: [Float], shape: Shape, scale: Float
    ) {
        let (t, p, h, g, d) = (shape.tokens, shape.past, shape.heads, shape.keyValueHeads, shape.headSize)
        let s = p + t
        precondition(h % g == 0, "Attention: heads must be a multiple of key/value heads")
        precondition(out.count >= t * h * d && query.count >= (t - 1) * queryRowStride + h * d, "Attention: bad sizes")
        precondition(keys.count >= s * g * d && values.count >= s * g * d, "Attention: cache too short")
        let blocks = (t + blockRows - 1) / blockRows
        Parallel.blasOnCallingThread()
        out.withUnsafeMutableBufferPointer { o in
            query.withUnsafeBufferPointer { q in
                keys.withUnsafeBufferPointer { k in
                    values.withUnsafeBufferPointer { v in
                        let (o, q, k, v) = (o.baseAddress!, q.baseAddress!, k.baseAddress!, v.baseAddress!)
                        if g == 1 && t > 1 {
                            Parallel.forEachChunk(blocks, grain: 1) { tasks in
                                for block in tasks {
                                    let rows = (block * blockRows)..<min(t, (block + 1) * blockRows)
                                    multiQueryBlock(
                                        o, q: q, queryRowStride: queryRowStride, k: k, v: v, rows: rows, shape: shape, scale: scale)
                                }
                            }
                            return
                        }
                        Parallel.forEachChunk(h * blocks, grain: 1) { tasks in
                            let scores = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * s)
                            defer { scores.deallocate() }
                            for task in tasks {
                                let (head, block) = (task / blocks, task % blocks)
                                let rows = (block * blockRows)..<min(t, (block + 1) * blockRows)
                                headBlock(
                                    o, q: q, queryRowStride: queryRowStride, k: k, v: v, scores: scores,
                                    head: head, rows: rows, shape: shape, scale: scale)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One head over query rows `rows` (of the T new tokens), with `scores` as scratch of B·S floats.
    private static func headBlock(
        _ out: UnsafeMutablePointer<Float>, q: UnsafePointer<Float>, queryRowStride: Int,
        k: UnsafePointer<Float>, v: UnsafePointer<Float>, scores: UnsafeMutablePointer<Float>,
        head: Int, rows: Range<Int>, shape: Shape, scale: Float
    ) {
        let (p, h, g, d) = (shape.past, shape.heads, shape.keyValueHeads, shape.headSize)
        let kvHead = head / (h / g)
        let kvStride = g * d
        let m = rows.count
        let visible = p + rows.upperBound  // keys the block's last row sees
        // scores[B, visible] = q_head[rows] · k_kvHead[0 ..< visible]ᵀ · scale
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(visible), Int32(d),
            scale, q + rows.lowerBound * queryRowStride + head * d, Int32(queryRowStride),
            k + kvHead * d, Int32(kvStride), 0, scores, Int32(visible))
        for (i, row) in rows.enumerated() {
            // causal mask: token `row` sees keys 0 ... P + row; the rest get weight 0.
            let seen = p + row + 1
            Softmax.forward(scores + i * visible, count: seen)
            (scores + i * visible + seen).update(repeating: 0, count: visible - seen)
        }
        // out_head[rows, D] = scores[B, visible] · v_kvHead[0 ..< visible, D]
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(d), Int32(visible),
            1, scores, Int32(visible), v + kvHead * d, Int32(kvStride),
            0, out + rows.lowerBound * h * d + head * d, Int32(h * d))
    }

    /// Every head over query rows `rows`, one key/value head: the queries are gathered into
    /// `[B·H, D]` (row i·H + h is token i's head h), which is also `out`'s layout.
    private static func multiQueryBlock(
        _ out: UnsafeMutablePointer<Float>, q: UnsafePointer<Float>, queryRowStride: Int,
        k: UnsafePointer<Float>, v: UnsafePointer<Float>, rows: Range<Int>, shape: Shape, scale: Float
    ) {
        let (p, h, d) = (shape.past, shape.heads, shape.headSize)
        let m = rows.count * h
        let visible = p + rows.upperBound
        let queries = UnsafeMutablePointer<Float>.allocate(capacity: m * d)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: m * visible)
        defer {
            queries.deallocate()
            scores.deallocate()
        }
        for (i, row) in rows.enumerated() {
            (queries + i * h * d).update(from: q + row * queryRowStride, count: h * d)
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(visible), Int32(d),
            scale, queries, Int32(d), k, Int32(d), 0, scores, Int32(visible))
        for (i, row) in rows.enumerated() {
            let seen = p + row + 1
            for head in 0..<h {
                let line = scores + (i * h + head) * visible
                Softmax.forward(line, count: seen)
                (line + seen).update(repeating: 0, count: visible - seen)
            }
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(d), Int32(visible),
            1, scores, Int32(visible), v, Int32(d), 0, out + rows.lowerBound * h * d, Int32(d))
    }
}
