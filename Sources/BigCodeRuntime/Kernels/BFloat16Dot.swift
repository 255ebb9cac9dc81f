import CBigCodeKernels

// Legend: T rows (tokens), I input features, O output features.

/// Batched products over bf16 weights with the CPU's bf16 dot-product instruction (AVX512-BF16's
/// `vdpbf16ps`): both operands in bf16, products summed in fp32, at twice the multiply-adds a
/// cycle of fp32 FMA, so a bf16 prefill outruns the fp32 `cblas_sgemm` one.
///
/// The activations are rounded to bf16 for it, which is the accuracy a bf16 model is run at; the
/// one-token path keeps fp32 activations. int8 weights go the same way: their integers are exact
/// in bf16, and each output is scaled after the sum.
enum BFloat16Dot {
    /// Whether this CPU and OS run the instruction (and `PROVENANCE_PORTABLE_KERNELS` is unset);
    /// where not, bf16 and int8 batches go through sgemm.
    static let isAvailable = !Parallel.portableKernels && bigcode_bf16_dot_available() != 0

    /// `out[T, O] += x[T, I] · weight[O, I]ᵀ` over blocked bf16 rows (layout in `WeightPacking`),
    /// or over blocked int8 rows before their scales (the caller applies them).
    ///
    /// Each thread packs its blocks of rows of `x` into bf16 pairs, then takes its own panels of
    /// output columns; `out` holds the bias (or zeros) on entry.
    static func linear(
        _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, weight: WeightMatrix, rows: Int
    ) {
        precondition(isAvailable, "BFloat16Dot.linear: this CPU has no AVX512-BF16")
        let (inFeatures, outFeatures) = (weight.columns, weight.rows)
        let packed = UnsafeMutablePointer<UInt32>.allocate(capacity: bigcode_bf16_packed_rows_words(rows, inFeatures))
        defer { packed.deallocate() }
        let rowBlock = bigcode_bf16_row_block()
        Parallel.forEachChunk((rows + rowBlock - 1) / rowBlock, grain: 1) { blocks in
            bigcode_bf16_pack_rows(packed, x, rows, inFeatures, blocks.lowerBound, blocks.upperBound)
        }
        let panelWidth = bigcode_bf16_panel_width()
        let panels = (outFeatures + panelWidth - 1) / panelWidth
        weight.withRawRows { weightRows, isInt8 in
            Parallel.forEachChunk(panels, grain: 1) { panels in
                let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: bigcode_bf16_scratch_words())
                defer { scratch.deallocate() }
                bigcode_bf16_linear(
                    out, outFeatures, packed, rows, weightRows, isInt8 ? 1 : 0, outFeatures, inFeatures, panels.lowerBound,
                    panels.upperBound, scratch)
            }
        }
    }
}

extension WeightMatrix {
    /// Runs `body` with the blocked rows of a bf16 or int8 matrix and whether they are int8.
    fileprivate func withRawRows(_ body: (UnsafeRawPointer, Bool) -> Void) {
        switch storage {
        case .bfloat16(let bits): bits.withUnsafeBytes { body($0.baseAddress!, false) }
        case .int8(let values, _): values.withUnsafeBytes { body($0.baseAddress!, true) }
        case .float32: preconditionFailure("BFloat16Dot.linear: fp32 weights go to sgemm")
        }
    }
}
