#include "matvec.h"

// Legend: s a stored position in a row, B = 16 weights a block (layout in WeightPacking.swift):
//   bf16: stored 2j and 2j + 1 hold columns j and 8 + j of the block;
//   int8: stored 4a + b holds column 4b + a of the block.
// Positions after the last whole block are in natural order.

enum { B = 16 };

void bigcode_gather_bf16_order(float *xs, const float *x, size_t columns) {
    size_t blocked = columns / B * B;
    for (size_t start = 0; start < blocked; start += B) {
        for (size_t j = 0; j < 8; j++) {
            xs[start + 2 * j] = x[start + j];
            xs[start + 2 * j + 1] = x[start + 8 + j];
        }
    }
    for (size_t c = blocked; c < columns; c++) xs[c] = x[c];
}

void bigcode_gather_int8_order(float *xs, const float *x, size_t columns) {
    size_t blocked = columns / B * B;
    for (size_t start = 0; start < blocked; start += B) {
        for (size_t s = 0; s < B; s++) xs[start + s] = x[start + 4 * (s % 4) + s / 4];
    }
    for (size_t c = blocked; c < columns; c++) xs[c] = x[c];
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq")))

int bigcode_avx512_available(void) {
    unsigned a, b, c, d;
    unsigned avx512 = 1u << 16 | 1u << 17 | 1u << 30 | 1u << 31;  // F, DQ, BW, VL: what the kernels are built for
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || (b & avx512) != avx512) return 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0;  // OSXSAVE
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 0xE6) == 0xE6;  // the OS saves SSE, AVX and all three AVX-512 states
}

/// 16 stored bf16 weights as floats.
AVX512_TARGET static inline __m512 bf16x16(const uint16_t *w) {
    __m512i wide = _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)w));
    return _mm512_castsi512_ps(_mm512_slli_epi32(wide, 16));
}

/// 16 stored int8 weights as floats.
AVX512_TARGET static inline __m512 int8x16(const int8_t *w) {
    return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)w)));
}

// Four rows at a time share each load of xs; two accumulators a row hide the FMA latency.
#define MATVEC(NAME, TYPE, LOAD, SCALAR)                                                                   \
    AVX512_TARGET static void NAME(float *out, const TYPE *weight, const float *xs, size_t rows,           \
                                   size_t columns) {                                                       \
        size_t vector = columns / 32 * 32;                                                                 \
        size_t r = 0;                                                                                      \
        for (; r + 4 <= rows; r += 4) {                                                                    \
            const TYPE *w0 = weight + r * columns, *w1 = w0 + columns, *w2 = w1 + columns, *w3 = w2 + columns; \
            __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0; \
            for (size_t c = 0; c < vector; c += 32) {                                                      \
                __m512 x0 = _mm512_loadu_ps(xs + c), x1 = _mm512_loadu_ps(xs + c + 16);                    \
                a0 = _mm512_fmadd_ps(LOAD(w0 + c), x0, a0);                                                \
                b0 = _mm512_fmadd_ps(LOAD(w0 + c + 16), x1, b0);                                           \
                a1 = _mm512_fmadd_ps(LOAD(w1 + c), x0, a1);                                                \
                b1 = _mm512_fmadd_ps(LOAD(w1 + c + 16), x1, b1);                                           \
                a2 = _mm512_fmadd_ps(LOAD(w2 + c), x0, a2);                                                \
                b2 = _mm512_fmadd_ps(LOAD(w2 + c + 16), x1, b2);                                           \
                a3 = _mm512_fmadd_ps(LOAD(w3 + c), x0, a3);                                                \
                b3 = _mm512_fmadd_ps(LOAD(w3 + c + 16), x1, b3);                                           \
            }                                                                                              \
            float s0 = _mm512_reduce_add_ps(_mm512_add_ps(a0, b0));                                        \
            float s1 = _mm512_reduce_add_ps(_mm512_add_ps(a1, b1));                                        \
            float s2 = _mm512_reduce_add_ps(_mm512_add_ps(a2, b2));                                        \
            float s3 = _mm512_reduce_add_ps(_mm512_add_ps(a3, b3));                                        \
            for (size_t c = vector; c < columns; c++) {                                                    \
                s0 += SCALAR(w0[c]) * xs[c];                                                               \
                s1 += SCALAR(w1[c]) * xs[c];                                                               \
                s2 += SCALAR(w2[c]) * xs[c];                                                               \
                s3 += SCALAR(w3[c]) * xs[c];                                                               \
            }                                                                                              \
            out[r] = s0, out[r + 1] = s1, out[r + 2] = s2, out[r + 3] = s3;                                \
        }                                                                                                  \
        for (; r < rows; r++) {                                                                            \
            const TYPE *w = weight + r * columns;                                                          \
            __m512 a = _mm512_setzero_ps(), b = a;                                                         \
            for (size_t c = 0; c < vector; c += 32) {                                                      \
                a = _mm512_fmadd_ps(LOAD(w + c), _mm512_loadu_ps(xs + c), a);                              \
                b = _mm512_fmadd_ps(LOAD(w + c + 16), _mm512_loadu_ps(xs + c + 16), b);                    \
            }                                                                                              \
            float s = _mm512_reduce_add_ps(_mm512_add_ps(a, b));                                           \
            for (size_t c = vector; c < columns; c++) s += SCALAR(w[c]) * xs[c];                           \
            out[r] = s;                                                                                    \
        }                                                                                                  \
    }

static inline float bf16_float(uint16_t bits) {
    union { uint32_t u; float f; } value = {(uint32_t)bits << 16};
    return value.f;
}
static inline float int8_float(int8_t value) { return (float)value; }

MATVEC(matvec_bf16, uint16_t, bf16x16, bf16_float)
MATVEC(matvec_int8, int8_t, int8x16, int8_float)

AVX512_TARGET void bigcode_matvec_bf16(float *out, const uint16_t *weight, const float *xs, size_t rows, size_t columns) {
    matvec_bf16(out, weight, xs, rows, columns);
}

AVX512_TARGET void bigcode_matvec_int8(
    float *out, const int8_t *weight, const float *scales, const float *xs, size_t rows, size_t columns) {
    matvec_int8(out, weight, xs, rows, columns);
    for (size_t r = 0; r < rows; r++) out[r] *= scales[r];
}

#else

int bigcode_avx512_available(void) { return 0; }
void bigcode_matvec_bf16(float *out, const uint16_t *weight, const float *xs, size_t rows, size_t columns) {
    (void)out, (void)weight, (void)xs, (void)rows, (void)columns;
}
void bigcode_matvec_int8(
    float *out, const int8_t *weight, const float *scales, const float *xs, size_t rows, size_t columns) {
    (void)out, (void)weight, (void)scales, (void)xs, (void)rows, (void)columns;
}

#endif
