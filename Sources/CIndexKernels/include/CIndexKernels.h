#ifndef CINDEXKERNELS_H
#define CINDEXKERNELS_H
#include <stdint.h>

/// scores[r] = dot(rows[r * dims ..< (r + 1) * dims], query) over int8 codes, for r in 0..<count.
/// Uses the best kernel the CPU has (checked once at run time; see cik_kernel).
void cik_int8_dot_rows(const int8_t *rows, const int8_t *query, int64_t count, int64_t dims, int32_t *scores);

/// The same for `queries` queries at once (query j at queries[j * dims]):
/// scores[j * count + r] = dot(row r, query j). The rows are read from memory once, in tiles that
/// stay in cache while every query is scored against them.
void cik_int8_dot_rows_multi(const int8_t *rows, const int8_t *queries, int64_t queryCount, int64_t count, int64_t dims,
                             int32_t *scores);

/// The kernels, simplest first. All compute the same integer dot products; they differ in speed.
enum {
    CIK_AUTO = 0,
    CIK_PORTABLE = 1,
    /// `vpmaddwd` on 16 codes at a time (dimensions a multiple of 16).
    CIK_AVX2 = 2,
    /// `vpdpbusd` on 64 codes at a time (dimensions a multiple of 64); batches only, one query
    /// uses AVX2.
    CIK_AVX512_VNNI = 3,
};

/// Uses `kernel`, or the best the CPU has if it has not that one (CIK_AUTO: the best, which is
/// also the default); returns the kernel now in use. For tests and benchmarks.
int cik_select_kernel(int kernel);

/// The kernel in use (chosen from the CPU's features on first use unless selected).
int cik_kernel(void);

#endif
