#ifndef CENCODERKERNELS_H
#define CENCODERKERNELS_H

/// The encoder's element-wise kernels: everything between its matrix products (which go to BLAS).
///
/// They are C so that one binary can use the widest vectors the CPU has: each is compiled for
/// AVX-512, AVX2+FMA and baseline x86-64 and picked at load time (`target_clones`); Swift has no
/// per-function target, and its baseline code runs 4 floats at a time. Every function works on
/// raw row-major buffers, in place, and never allocates.

/// x[r][c] ← gelu(x[r][c] + bias[c]), the exact (erf) GELU; `cols` any positive length.
void cek_add_bias_gelu(float *x, const float *bias, long rows, long cols);

/// Each of `rows` rows of `n` floats (stride `ld`) ← softmax(row).
void cek_softmax_rows(float *x, long rows, long n, long ld);

/// Each of `rows` rows of `n` floats ← LayerNorm(row + bias) · gamma + beta; `bias` may be NULL.
/// The variance is the centred sum of squares (exact even when the mean is large).
void cek_add_bias_layer_norm_rows(float *x, const float *bias, const float *gamma, const float *beta, long rows, long n,
                                  float eps);

/// erf(x) as the GELU kernel computes it: a rational fit on |x| ≤ 4, ±1 beyond; max abs error ≈ 3e-7.
float cek_erf(float x);

/// exp(x) as the softmax kernel computes it: 2ⁿ·e^r, degree-6 polynomial; relative error ≈ 1.2e-7
/// for x ≤ 88 (inputs below -87 flush towards 0).
float cek_exp(float x);

#endif
