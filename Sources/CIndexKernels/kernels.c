#include "CIndexKernels.h"

static void dot_rows_portable(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    for (int64_t r = 0; r < count; r++) {
        const int8_t *row = rows + r * dims;
        int32_t acc = 0;
        for (int64_t i = 0; i < dims; i++) acc += (int32_t)row[i] * (int32_t)query[i];
        scores[r] = acc;
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

__attribute__((target("avx2")))
static void dot_rows_avx2(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    if (dims % 16 != 0) { dot_rows_portable(rows, query, count, dims, scores); return; }
    for (int64_t r = 0; r < count; r++) {
        const int8_t *row = rows + r * dims;
        __m256i acc = _mm256_setzero_si256();
        for (int64_t i = 0; i < dims; i += 16) {
            // int8 -> int16, then multiply pairs and add into int32 lanes.
            __m256i a = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + i)));
            __m256i b = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(query + i)));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(a, b));
        }
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
        scores[r] = _mm_cvtsi128_si32(s);
    }
}

int cik_uses_avx2(void) { return __builtin_cpu_supports("avx2") ? 1 : 0; }

void cik_int8_dot_rows(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    static int avx2 = -1;
    if (avx2 < 0) avx2 = cik_uses_avx2();
    if (avx2) dot_rows_avx2(rows, query, count, dims, scores);
    else dot_rows_portable(rows, query, count, dims, scores);
}
#else
int cik_uses_avx2(void) { return 0; }
void cik_int8_dot_rows(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores) {
    dot_rows_portable(rows, query, count, dims, scores);
}
#endif
