#include "CIndexKernels.h"
#include <stdlib.h>
#include <string.h>

/// Rows per tile of the multi-query kernels: 128 rows of 384 codes (48 KiB) stay in L2 while
/// every query of the batch is scored against them.
#define TILE_ROWS 128

static void dot_rows_portable(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    for (int64_t r = 0; r < count; r++) {
        const int8_t *row = rows + r * dims;
        int32_t acc = 0;
        for (int64_t i = 0; i < dims; i++) acc += (int32_t)row[i] * (int32_t)query[i];
        scores[r] = acc;
    }
}

static void dot_rows_multi_portable(const int8_t *rows, const int8_t *queries, int64_t queryCount, int64_t count,
                                    int64_t dims, int32_t *scores) {
    for (int64_t tile = 0; tile < count; tile += TILE_ROWS) {
        int64_t n = count - tile < TILE_ROWS ? count - tile : TILE_ROWS;
        for (int64_t j = 0; j < queryCount; j++)
            dot_rows_portable(rows + tile * dims, queries + j * dims, n, dims, scores + j * count + tile);
    }
}

/// Scores rows × four queries; `out[k]` receives query k's `n` scores.
typedef void (*group_kernel)(const int8_t *rows, const int8_t *group, int64_t n, int64_t dims, int32_t *out[4]);

/// Scores each tile of rows against every group of four queries (the last group padded with zero
/// queries, whose scores are dropped) while the tile is in cache: the rows are read from memory once.
static void dot_rows_grouped(const int8_t *rows, const int8_t *queries, int64_t queryCount, int64_t count, int64_t dims,
                             int32_t *scores, group_kernel kernel) {
    int64_t groups = (queryCount + 3) / 4;
    int8_t *padded = calloc((size_t)(groups * 4 * dims), 1);
    if (!padded) { dot_rows_multi_portable(rows, queries, queryCount, count, dims, scores); return; }
    memcpy(padded, queries, (size_t)(queryCount * dims));
    int32_t discard[TILE_ROWS];
    for (int64_t tile = 0; tile < count; tile += TILE_ROWS) {
        int64_t n = count - tile < TILE_ROWS ? count - tile : TILE_ROWS;
        for (int64_t g = 0; g < groups; g++) {
            int32_t *out[4];
            for (int64_t k = 0; k < 4; k++) {
                int64_t j = g * 4 + k;
                out[k] = j < queryCount ? scores + j * count + tile : discard;
            }
            kernel(rows + tile * dims, padded + g * 4 * dims, n, dims, out);
        }
    }
    free(padded);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_X86_KERNELS 1
#include <immintrin.h>

__attribute__((target("avx2")))
static inline int32_t hsum(__m256i acc) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

/// The query is widened to int16 once; each row then costs one widening load and one
/// multiply-add per 16 codes, two rows at a time so their loads overlap.
__attribute__((target("avx2")))
static void dot_rows_avx2(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    int16_t wide[dims];
    for (int64_t i = 0; i < dims; i++) wide[i] = query[i];
    int64_t r = 0;
    for (; r + 2 <= count; r += 2) {
        const int8_t *row = rows + r * dims;
        __m256i a0 = _mm256_setzero_si256(), a1 = a0;
        for (int64_t i = 0; i < dims; i += 16) {
            __m256i q = _mm256_loadu_si256((const __m256i *)(wide + i));
            a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + i))), q));
            a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + dims + i))), q));
        }
        scores[r] = hsum(a0);
        scores[r + 1] = hsum(a1);
    }
    for (; r < count; r++) {
        __m256i acc = _mm256_setzero_si256();
        for (int64_t i = 0; i < dims; i += 16) {
            __m256i q = _mm256_loadu_si256((const __m256i *)(wide + i));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(rows + r * dims + i))), q));
        }
        scores[r] = hsum(acc);
    }
}

/// Four queries per pass over a tile: each row's codes are widened once and multiplied by all
/// four queries (widened once per tile), so the work per row byte is four multiply-adds.
__attribute__((target("avx2")))
static void avx2_group(const int8_t *rows, const int8_t *group, int64_t n, int64_t dims, int32_t *out[4]) {
    int16_t wide[4 * dims];
    for (int64_t i = 0; i < 4 * dims; i++) wide[i] = group[i];
    for (int64_t r = 0; r < n; r++) {
        const int8_t *row = rows + r * dims;
        __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
        for (int64_t i = 0; i < dims; i += 16) {
            __m256i v = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + i)));
            a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(v, _mm256_loadu_si256((const __m256i *)(wide + i))));
            a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(v, _mm256_loadu_si256((const __m256i *)(wide + dims + i))));
            a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(v, _mm256_loadu_si256((const __m256i *)(wide + 2 * dims + i))));
            a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(v, _mm256_loadu_si256((const __m256i *)(wide + 3 * dims + i))));
        }
        out[0][r] = hsum(a0);
        out[1][r] = hsum(a1);
        out[2][r] = hsum(a2);
        out[3][r] = hsum(a3);
    }
}

/// AVX-512 VNNI: `vpdpbusd` multiplies 64 unsigned by 64 signed bytes and adds each four products
/// into an int32 lane, with no 16-bit intermediate to saturate: a row of 384 codes is six
/// instructions per query. The row's codes are made unsigned by flipping their sign bit (c + 128),
/// and 128·Σq is taken off again. Four rows at a time: independent accumulator chains hide the
/// instruction's latency, and four sums are reduced together.
///
/// Batches only: one query is bound by memory bandwidth, and there the AVX2 kernel was as fast
/// (docs/BENCHMARKS.md, "Semantic index").
#define VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

VNNI static inline __m128i half_sums(__m512i a) {
    __m256i h = _mm256_add_epi32(_mm512_castsi512_si256(a), _mm512_extracti64x4_epi64(a, 1));
    return _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
}

/// The total of each of four accumulators, in one vector.
VNNI static inline __m128i sum4(__m512i a, __m512i b, __m512i c, __m512i d) {
    return _mm_hadd_epi32(_mm_hadd_epi32(half_sums(a), half_sums(b)), _mm_hadd_epi32(half_sums(c), half_sums(d)));
}

VNNI static inline __m512i flipped(const int8_t *codes) {
    return _mm512_xor_si512(_mm512_loadu_si512((const void *)codes), _mm512_set1_epi8((char)0x80));
}

/// One row against one query (the rows left over after the fours).
VNNI static int32_t vnni_row(const int8_t *row, const int8_t *query, int32_t bias, int64_t dims) {
    __m512i acc = _mm512_setzero_si512();
    for (int64_t i = 0; i < dims; i += 64)
        acc = _mm512_dpbusd_epi32(acc, flipped(row + i), _mm512_loadu_si512((const void *)(query + i)));
    return _mm512_reduce_add_epi32(acc) - bias;
}

/// What flipping the row codes' sign bits adds to a dot product with `query`.
static int32_t flip_bias(const int8_t *query, int64_t dims) {
    int32_t sum = 0;
    for (int64_t i = 0; i < dims; i++) sum += query[i];
    return 128 * sum;
}

/// Four rows against four queries: sixteen accumulators, each row's codes loaded once.
VNNI static void vnni_group(const int8_t *rows, const int8_t *queries, int64_t n, int64_t dims, int32_t *out[4]) {
    int32_t bias[4];
    for (int k = 0; k < 4; k++) bias[k] = flip_bias(queries + k * dims, dims);
    int64_t r = 0;
    for (; r + 4 <= n; r += 4) {
        const int8_t *p = rows + r * dims;
        __m512i acc[4][4];
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 4; j++) acc[k][j] = _mm512_setzero_si512();
        for (int64_t i = 0; i < dims; i += 64) {
            __m512i u[4];
            for (int j = 0; j < 4; j++) u[j] = flipped(p + j * dims + i);
            for (int k = 0; k < 4; k++) {
                __m512i q = _mm512_loadu_si512((const void *)(queries + k * dims + i));
                for (int j = 0; j < 4; j++) acc[k][j] = _mm512_dpbusd_epi32(acc[k][j], u[j], q);
            }
        }
        for (int k = 0; k < 4; k++)
            _mm_storeu_si128((__m128i *)(out[k] + r),
                             _mm_sub_epi32(sum4(acc[k][0], acc[k][1], acc[k][2], acc[k][3]), _mm_set1_epi32(bias[k])));
    }
    for (; r < n; r++)
        for (int k = 0; k < 4; k++) out[k][r] = vnni_row(rows + r * dims, queries + k * dims, bias[k], dims);
}

static int best_supported(void) {
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni"))
        return CIK_AVX512_VNNI;
    return __builtin_cpu_supports("avx2") ? CIK_AVX2 : CIK_PORTABLE;
}
#else
static int best_supported(void) { return CIK_PORTABLE; }
#endif

/// The kernel in use; written by cik_select_kernel (once by default), read by every call.
static _Atomic int selected = -1;

int cik_select_kernel(int kernel) {
    int best = best_supported();
    int chosen = kernel == CIK_AUTO || kernel > best ? best : kernel;
    selected = chosen;
    return chosen;
}

int cik_kernel(void) {
    int kernel = selected;
    return kernel < 0 ? cik_select_kernel(CIK_AUTO) : kernel;
}

/// The selected kernel if the dimension suits it, else the next simpler one.
static int kernel_for(int64_t dims) {
    int kernel = cik_kernel();
    if (kernel == CIK_AVX512_VNNI && dims % 64 != 0) kernel = CIK_AVX2;
    if (kernel == CIK_AVX2 && dims % 16 != 0) kernel = CIK_PORTABLE;
    return kernel;
}

void cik_int8_dot_rows(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    switch (kernel_for(dims)) {
#if HAVE_X86_KERNELS
    case CIK_AVX512_VNNI: // one query is bound by memory: AVX2 is as fast
    case CIK_AVX2: dot_rows_avx2(rows, query, count, dims, scores); return;
#endif
    default: dot_rows_portable(rows, query, count, dims, scores);
    }
}

void cik_int8_dot_rows_multi(const int8_t *rows, const int8_t *queries, int64_t queryCount, int64_t count, int64_t dims,
                             int32_t *scores) {
    if (queryCount <= 0) return;
    switch (kernel_for(dims)) {
#if HAVE_X86_KERNELS
    case CIK_AVX512_VNNI: dot_rows_grouped(rows, queries, queryCount, count, dims, scores, vnni_group); return;
    case CIK_AVX2: dot_rows_grouped(rows, queries, queryCount, count, dims, scores, avx2_group); return;
#endif
    default: dot_rows_multi_portable(rows, queries, queryCount, count, dims, scores);
    }
}
