#ifndef PROVENANCE_MATVEC_H
#define PROVENANCE_MATVEC_H

// One-token (decode) matrix-vector products over bf16 and int8 weight rows with AVX-512:
// decode reads every weight once, so it runs at memory speed only if widening the bytes to
// floats keeps up, which the portable SIMD path cannot do without AVX2.
//
// The kernels read each row in the order it is stored (BigCodeRuntime's blocked rows), so x is
// first gathered into that order: `xs[s]` is the x that stored element s multiplies.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether this CPU and OS run AVX-512 (F, DQ, BW and VL).
int bigcode_avx512_available(void);

/// `xs[s] = x[column of stored element s]` for blocked bf16 rows of `columns`.
void bigcode_gather_bf16_order(float *xs, const float *x, size_t columns);

/// `xs[s] = x[column of stored element s]` for blocked int8 rows of `columns`.
void bigcode_gather_int8_order(float *xs, const float *x, size_t columns);

/// `out[r] = Σ_s weight[r, s] · xs[s]` for `rows` blocked bf16 rows of `columns` from `weight`.
/// Needs `bigcode_avx512_available()`.
void bigcode_matvec_bf16(float *out, const uint16_t *weight, const float *xs, size_t rows, size_t columns);

/// `out[r] = scales[r] · Σ_s weight[r, s] · xs[s]` for `rows` blocked int8 rows of `columns`.
/// Needs `bigcode_avx512_available()`.
void bigcode_matvec_int8(
    float *out, const int8_t *weight, const float *scales, const float *xs, size_t rows, size_t columns);

#ifdef __cplusplus
}
#endif

#endif
