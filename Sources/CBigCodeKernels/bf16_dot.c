#include "bf16_dot.h"
#include "matvec.h"

#include <string.h>

// Legend: T rows (tokens), P column pairs, O output columns; MR × NR one register tile of out.
// MR × NR = 14 × 32 keeps 28 accumulators, two weight vectors and a broadcast in the 32 zmm
// registers; a step of KC = 512 pairs is a 64 KB weight panel (of 128 to 1024, the fastest).
enum { MR = 14, NR = 32, KC = 512 };

size_t bigcode_bf16_pair_count(size_t columns) { return (columns + 1) / 2; }
size_t bigcode_bf16_packed_rows_words(size_t rows, size_t columns) {
    return (rows + MR - 1) / MR * MR * bigcode_bf16_pair_count(columns);
}
size_t bigcode_bf16_scratch_words(void) { return (size_t)KC * NR; }
size_t bigcode_bf16_panel_width(void) { return NR; }
size_t bigcode_bf16_row_block(void) { return MR; }

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

#define BF16_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512bf16")))

int bigcode_bf16_dot_available(void) {
    unsigned a, b, c, d;
    return bigcode_avx512_available() && __get_cpuid_count(7, 1, &a, &b, &c, &d) && (a & (1u << 5));  // AVX512_BF16
}

BF16_TARGET static inline uint32_t bf16_bits(float x) {
    uint32_t u;
    memcpy(&u, &x, 4);
    uint32_t rounded = (u + 0x7FFF + ((u >> 16) & 1)) >> 16;
    return (u & 0x7FFFFFFF) > 0x7F800000 ? ((u >> 16) | 0x40) : rounded;
}

/// Eight words from 16 floats: bf16 (nearest even), word j holding columns (j, 8 + j).
BF16_TARGET static inline void pair_block(uint32_t words[8], const float *row) {
    __m256i bits = (__m256i)_mm512_cvtneps_pbh(_mm512_loadu_ps(row));
    __m128i low = _mm256_castsi256_si128(bits), high = _mm256_extracti128_si256(bits, 1);
    _mm_storeu_si128((__m128i *)words, _mm_unpacklo_epi16(low, high));
    _mm_storeu_si128((__m128i *)(words + 4), _mm_unpackhi_epi16(low, high));
}

BF16_TARGET void bigcode_bf16_pack_rows(
    uint32_t *out, const float *x, size_t rows, size_t columns, size_t first_block, size_t end_block) {
    size_t pairs = bigcode_bf16_pair_count(columns), blocked = columns / 16 * 16;
    for (size_t first = first_block * MR; first < rows && first < end_block * MR; first += MR) {
        uint32_t *block = out + first * pairs;  // [pairs][MR]
        for (size_t i = 0; i < MR; i++) {
            if (first + i >= rows) {
                for (size_t p = 0; p < pairs; p++) block[p * MR + i] = 0;
                continue;
            }
            const float *row = x + (first + i) * columns;
            uint32_t words[8];
            for (size_t b = 0; b < blocked; b += 16) {
                pair_block(words, row + b);
                for (int j = 0; j < 8; j++) block[(b / 2 + j) * MR + i] = words[j];
            }
            for (size_t c = blocked; c < columns; c += 2) {
                block[c / 2 * MR + i] = bf16_bits(row[c]) | (c + 1 < columns ? bf16_bits(row[c + 1]) << 16 : 0);
            }
        }
    }
}

/// out[mr, width] += x[mr, kc] · panel[kc, NR] over the first `width` columns.
BF16_TARGET __attribute__((always_inline)) static inline void tile(
    float *out, size_t ldo, const uint32_t *x, const uint32_t *panel, size_t kc, int mr, int width) {
    __mmask16 m0 = width >= 16 ? 0xFFFF : (__mmask16)((1u << width) - 1);
    __mmask16 m1 = width >= 32 ? 0xFFFF : width <= 16 ? 0 : (__mmask16)((1u << (width - 16)) - 1);
    __m512 acc0[MR], acc1[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < mr; i++) {
        acc0[i] = _mm512_maskz_loadu_ps(m0, out + i * ldo);
        acc1[i] = _mm512_maskz_loadu_ps(m1, out + i * ldo + 16);
    }
    for (size_t k = 0; k < kc; k++) {
        __m512bh w0 = (__m512bh)_mm512_loadu_si512(panel + k * NR);
        __m512bh w1 = (__m512bh)_mm512_loadu_si512(panel + k * NR + 16);
#pragma clang loop unroll(full)
        for (int i = 0; i < mr; i++) {
            __m512bh a = (__m512bh)_mm512_set1_epi32((int)x[k * MR + i]);
            acc0[i] = _mm512_dpbf16_ps(acc0[i], a, w0);
            acc1[i] = _mm512_dpbf16_ps(acc1[i], a, w1);
        }
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < mr; i++) {
        _mm512_mask_storeu_ps(out + i * ldo, m0, acc0[i]);
        _mm512_mask_storeu_ps(out + i * ldo + 16, m1, acc1[i]);
    }
}

#define TILE_CASE(n) \
    case n: tile(out, ldo, x, panel, kc, n, width); break;

BF16_TARGET static void tile_rows(
    float *out, size_t ldo, const uint32_t *x, const uint32_t *panel, size_t kc, int mr, int width) {
    switch (mr) {
        TILE_CASE(1) TILE_CASE(2) TILE_CASE(3) TILE_CASE(4) TILE_CASE(5) TILE_CASE(6) TILE_CASE(7)
        TILE_CASE(8) TILE_CASE(9) TILE_CASE(10) TILE_CASE(11) TILE_CASE(12) TILE_CASE(13) TILE_CASE(14)
        default: break;
    }
}

/// Word p of a blocked bf16 row of `columns`: its elements 2p and 2p + 1, the odd last one
/// padded with zero.
static inline uint32_t bf16_word(const uint16_t *row, size_t p, size_t columns) {
    if (2 * p + 1 >= columns) return row[2 * p];
    uint32_t word;
    memcpy(&word, row + 2 * p, 4);
    return word;
}

/// bf16 bits of a small integer (exact: |q| ≤ 127 needs 7 significant bits).
static inline uint32_t int8_bf16(int8_t q) {
    float f = (float)q;
    uint32_t u;
    memcpy(&u, &f, 4);
    return u >> 16;
}

/// Where column `c` of a blocked int8 row is stored.
static inline size_t int8_slot(size_t c, size_t blocked) {
    if (c >= blocked) return c;
    size_t j = c % 16;
    return c - j + 4 * (j % 4) + j / 4;
}

/// Word p of a blocked int8 row of `columns`: the same pair of columns as bf16's, as exact bf16.
static inline uint32_t int8_word(const int8_t *row, size_t p, size_t columns) {
    size_t blocked = columns / 16 * 16, c0 = 2 * p, c1 = 2 * p + 1;
    if (2 * p < blocked) c0 = 2 * p - p % 8, c1 = c0 + 8;  // block p / 8: columns j and 8 + j, j = p % 8
    uint32_t high = c1 < columns ? int8_bf16(row[int8_slot(c1, blocked)]) : 0;
    return int8_bf16(row[int8_slot(c0, blocked)]) | high << 16;
}

/// `int8_word` for pairs `pair ..< pair + kc` of one row into `lane[k * NR]`: whole blocks of 16
/// columns at a time with AVX-512 (widen, convert, reorder to columns, pair up), the rest singly.
BF16_TARGET static void int8_words(uint32_t *lane, const int8_t *row, size_t columns, size_t pair, size_t kc) {
    size_t blocked = columns / 16 * 16;
    const __m512i slots = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);  // of columns 0 ..< 16
    size_t k = 0;
    while (k < kc) {
        size_t p = pair + k;
        if (p % 8 != 0 || k + 8 > kc || 2 * p + 16 > blocked) {
            lane[k * NR] = int8_word(row, p, columns);
            k += 1;
            continue;
        }
        __m512i values = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(row + 2 * p)));
        __m512i bits = _mm512_srli_epi32(_mm512_castps_si512(_mm512_cvtepi32_ps(values)), 16);
        __m512i ordered = _mm512_permutexvar_epi32(slots, bits);
        __m256i low = _mm512_castsi512_si256(ordered), high = _mm512_extracti64x4_epi64(ordered, 1);
        uint32_t words[8];
        _mm256_storeu_si256((__m256i *)words, _mm256_or_si256(low, _mm256_slli_epi32(high, 16)));
        for (int j = 0; j < 8; j++) lane[(k + j) * NR] = words[j];
        k += 8;
    }
}

/// Panel `[kc, NR]`: word p of weight rows `first ..< first + NR` for p in `pair ..< pair + kc`,
/// zeros past the last row; `int8` says which kind of rows `weight` points to.
BF16_TARGET static void pack_panel(uint32_t *panel, const void *weight, int int8, size_t outputs, size_t columns,
                                   size_t first, size_t pair, size_t kc) {
    for (size_t lane = 0; lane < NR; lane++) {
        size_t r = first + lane;
        if (r >= outputs) {
            for (size_t k = 0; k < kc; k++) panel[k * NR + lane] = 0;
        } else if (int8) {
            int8_words(panel + lane, (const int8_t *)weight + r * columns, columns, pair, kc);
        } else {
            for (size_t k = 0; k < kc; k++) panel[k * NR + lane] = bf16_word((const uint16_t *)weight + r * columns, pair + k, columns);
        }
    }
}

// The loop over steps of KC pairs, panels of NR outputs and blocks of MR rows.
BF16_TARGET void bigcode_bf16_linear(
    float *out, size_t ldo, const uint32_t *x, size_t rows, const void *weight, int int8, size_t outputs,
    size_t columns, size_t first_panel, size_t end_panel, uint32_t *scratch) {
    size_t pairs = bigcode_bf16_pair_count(columns);
    for (size_t pair = 0; pair < pairs; pair += KC) {
        size_t kc = pairs - pair < KC ? pairs - pair : KC;
        for (size_t p = first_panel; p < end_panel; p++) {
            size_t first = p * NR;
            if (first >= outputs) break;
            int width = outputs - first < NR ? (int)(outputs - first) : NR;
            pack_panel(scratch, weight, int8, outputs, columns, first, pair, kc);
            for (size_t t = 0; t < rows; t += MR) {
                int mr = rows - t < MR ? (int)(rows - t) : MR;
                tile_rows(out + t * ldo + first, ldo, x + t * pairs + pair * MR, scratch, kc, mr, width);
            }
        }
    }
}


#else

int bigcode_bf16_dot_available(void) { return 0; }
void bigcode_bf16_pack_rows(
    uint32_t *out, const float *x, size_t rows, size_t columns, size_t first_block, size_t end_block) {
    (void)out, (void)x, (void)rows, (void)columns, (void)first_block, (void)end_block;
}
void bigcode_bf16_linear(
    float *out, size_t ldo, const uint32_t *x, size_t rows, const void *weight, int int8, size_t outputs,
    size_t columns, size_t first_panel, size_t end_panel, uint32_t *scratch) {
    (void)out, (void)ldo, (void)x, (void)rows, (void)weight, (void)int8, (void)outputs, (void)columns,
        (void)first_panel, (void)end_panel, (void)scratch;
}

#endif
