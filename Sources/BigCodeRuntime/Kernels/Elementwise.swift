// Legend: T rows (tokens), C channels.

/// Row gathers, copies and residual adds: the small glue between the big kernels.
enum Elementwise {
    /// `out[t, :] = tokenTable[ids[t], :] + positionTable[firstPosition + t, :]`.
    static func embed(
        _ out: inout [Float], ids: [Int], firstPosition: Int,
        tokenTable: WeightMatrix, positionTable: [Float], channels: Int
    ) {
        precondition(out.count >= ids.count * channels, "Elementwise.embed: out is too short")
        precondition(tokenTable.columns == channels, "Elementwise.embed: token table is not \(channels) wide")
        out.withUnsafeMutableBufferPointer { o in
            positionTable.withUnsafeBufferPointer { wpe in
                for (t, id) in ids.enumerated() {
                    let position = (firstPosition + t) * channels
                    precondition(id < tokenTable.rows && position + channels <= wpe.count)
                    WeightPacking.unpackRows(tokenTable, id..<(id + 1), into: o.baseAddress! + t * channels)
                    for c in 0..<channels { o[t * channels + c] += wpe[position + c] }
                }
            }
        }
    }

    /// In place, `x[i] += y[i]` for the first `count` floats.
    static func addResidual(_ x: inout [Float], _ y: [Float], count: Int) {
        precondition(x.count >= count && y.count >= count, "Elementwise.addResidual: bad sizes")
        x.withUnsafeMutableBufferPointer { a in
            y.withUnsafeBufferPointer { b in
                for i in 0..<count { a[i] += b[i] }
            }
        }
    }

    /// Copies `rows` rows of `width` floats from `source` (row stride `sourceStride`, starting
    /// at `sourceOffset`) into `destination` rows starting at `destinationRow` (row stride `width`).
    static func copyRows(
        _ destination: inout [Float], destinationRow: Int,
        from source: [Float], sourceOffset: Int, sourceStride: Int, rows: Int, width: Int
    ) {
        precondition(destination.count >= (destinationRow + rows) * width, "Elementwise.copyRows: destination too short")
        precondition(rows == 0 || source.count >= sourceOffset + (rows - 1) * sourceStride + width)
        destination.withUnsafeMutableBufferPointer { d in
            source.withUnsafeBufferPointer { s in
                for r in 0..<rows {
                    (d.baseAddress! + (destinationRow + r) * width)
                        .update(from: s.baseAddress! + sourceOffset + r * sourceStride, count: width)
                }
            }
        }
    }
}
