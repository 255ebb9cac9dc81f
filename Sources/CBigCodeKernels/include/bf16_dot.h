#ifndef PROVENANCE_BF16_DOT_H
#define PROVENANCE_BF16_DOT_H

// Batched products over bfloat16 weights with the AVX512-BF16 dot-product instruction
// (vdpbf16ps): two bf16 products a lane, summed in fp32, twice fp32 FMA's multiply-adds a cycle.
//
// Both operands are read as pairs of columns in one 32-bit word, low half first. The pairing
// matches BigCodeRuntime's blocked bf16 rows: in each whole block of 16 columns, pair j (j < 8)
// is columns (j, 8 + j); after the last whole block, pairs are (c, c + 1), the last one padded
// with a zero. Word p of a blocked row is therefore just its elements 2p and 2p + 1.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether this CPU and OS run AVX512-BF16 (vdpbf16ps on zmm registers).
int bigcode_bf16_dot_available(void);

/// Words a row of `columns` bf16 pairs takes: ceil(columns / 2).
size_t bigcode_bf16_pair_count(size_t columns);

/// Words `bigcode_bf16_pack_rows` writes for `rows` rows of `columns`.
size_t bigcode_bf16_packed_rows_words(size_t rows, size_t columns);

/// Rows in one block of `bigcode_bf16_pack_rows` (R).
size_t bigcode_bf16_row_block(void);

/// fp32 rows `[rows, columns]` to bf16 pairs, rounded to nearest even, in blocks of R rows that the
/// kernel reads in order: `[ceil(rows / R)][pair_count(columns)][R]`, missing rows zero. Writes
/// the blocks `first_block ..< end_block` (so threads can share the work).
/// Needs `bigcode_bf16_dot_available()`.
void bigcode_bf16_pack_rows(
    uint32_t *out, const float *x, size_t rows, size_t columns, size_t first_block, size_t end_block);

/// Words of scratch one call of `bigcode_bf16_linear` needs.
size_t bigcode_bf16_scratch_words(void);

/// Output columns one panel of `bigcode_bf16_linear` covers.
size_t bigcode_bf16_panel_width(void);

/// `out[t, o] += Σ_i x[t, i] · weight[o, i]` for every t < rows and o in the panels
/// `first_panel ..< end_panel` (panel_width output columns each, the last cut at `outputs`).
///
/// `x` is from `bigcode_bf16_pack_rows`; `weight` is `[outputs, columns]` blocked bf16 rows or,
/// with `int8` set, blocked int8 rows, whose integers are exact in bf16: the caller multiplies
/// each output by its row's scale. `out` is `[rows, ldo]`; `scratch` holds `scratch_words()`
/// words (one per thread). Needs `bigcode_bf16_dot_available()`.
void bigcode_bf16_linear(
    float *out, size_t ldo, const uint32_t *x, size_t rows, const void *weight, int int8, size_t outputs,
    size_t columns, size_t first_panel, size_t end_panel, uint32_t *scratch);

#ifdef __cplusplus
}
#endif

#endif
