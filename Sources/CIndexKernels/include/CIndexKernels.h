#ifndef CINDEXKERNELS_H
#define CINDEXKERNELS_H
#include <stdint.h>

/// scores[r] = dot(rows[r * dims ..< (r + 1) * dims], query) over int8 codes, for r in 0..<count.
/// Uses AVX2 when the CPU has it (checked once at run time), portable C otherwise.
void cik_int8_dot_rows(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores);

/// 1 when the AVX2 path is used.
int cik_uses_avx2(void);

#endif
