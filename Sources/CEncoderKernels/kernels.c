#include "CEncoderKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// Each public kernel is compiled three times; the loader picks the clone for this CPU.
#if defined(__x86_64__) && defined(__linux__)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

// Partial sums per row: enough independent lanes for one AVX-512 register; the fixed-size inner
// loops are what the vectoriser turns into vector adds (a plain `sum += x[i]` would stay scalar,
// because reordering a float sum changes its rounding and C does not allow it unasked).
#define LANES 16

static inline float clampf(float x, float lo, float hi) { return x < lo ? lo : (x > hi ? hi : x); }

// erf(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 4. Coefficients fitted for this project (weighted least-squares
// rational fit in float64, iterated towards minimax); fit error 1.5e-9, float32 error ≈ 3e-7.
static inline float erf_approx(float x) {
    float c = clampf(x, -4.0f, 4.0f);
    float z = c * c;
    float p = -1.3667218468071951e-08f;
    p = p * z + 4.780618382937973e-06f;
    p = p * z + 0.00038269630749709904f;
    p = p * z + 0.003839575918391347f;
    p = p * z + 0.05433278903365135f;
    p = p * z + 0.18471121788024902f;
    p = p * z + 1.128379225730896f;
    float q = 6.401006248779595e-05f;
    q = q * z + 0.0013095943722873926f;
    q = q * z + 0.015453621745109558f;
    q = q * z + 0.11382673680782318f;
    q = q * z + 0.4970296025276184f;
    q = q * z + 1.0f;
    return clampf(c * p / q, -1.0f, 1.0f);
}

// exp(x) = 2ⁿ·e^r with |r| ≤ ln2/2. x/ln2 is rounded with the 1.5·2²³ trick (the integer lands in
// the low mantissa bits, no float→int conversion), and 2ⁿ is built from those bits.
static inline float exp_approx(float x) {
    x = clampf(x, -87.0f, 88.0f);
    const float magic = 12582912.0f;
    float shifted = x * 1.442695041f + magic;
    float n = shifted - magic;
    float r = (x - n * 0.693145752f) - n * 1.428606765e-06f;
    float p = 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    int32_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    bits = ((bits - 0x4B400000) + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

float cek_erf(float x) { return erf_approx(x); }

float cek_exp(float x) { return exp_approx(x); }

CLONES void cek_add_bias_gelu(float *x, const float *bias, long rows, long cols) {
    for (long r = 0; r < rows; r++) {
        float *row = x + r * cols;
        for (long j = 0; j < cols; j++) {
            float h = row[j] + bias[j];
            row[j] = 0.5f * h * (1.0f + erf_approx(h * 0.70710678118654752f));
        }
    }
}

static inline float row_sum(const float *x, long n) {
    float acc[LANES] = {0};
    long j = 0;
    for (; j + LANES <= n; j += LANES)
        for (int k = 0; k < LANES; k++) acc[k] += x[j + k];
    float s = 0;
    for (int k = 0; k < LANES; k++) s += acc[k];
    for (; j < n; j++) s += x[j];
    return s;
}

CLONES void cek_softmax_rows(float *x, long rows, long n, long ld) {
    for (long r = 0; r < rows; r++) {
        float *row = x + r * ld;
        float mx[LANES];
        for (int k = 0; k < LANES; k++) mx[k] = -INFINITY;
        long j = 0;
        for (; j + LANES <= n; j += LANES)
            for (int k = 0; k < LANES; k++) mx[k] = row[j + k] > mx[k] ? row[j + k] : mx[k];
        float m = -INFINITY;
        for (int k = 0; k < LANES; k++) m = mx[k] > m ? mx[k] : m;
        for (; j < n; j++) m = row[j] > m ? row[j] : m;
        for (j = 0; j < n; j++) row[j] = exp_approx(row[j] - m);
        float inv = 1.0f / row_sum(row, n);
        for (j = 0; j < n; j++) row[j] *= inv;
    }
}

CLONES void cek_add_bias_layer_norm_rows(float *x, const float *bias, const float *gamma, const float *beta, long rows,
                                         long n, float eps) {
    for (long r = 0; r < rows; r++) {
        float *row = x + r * n;
        if (bias)
            for (long j = 0; j < n; j++) row[j] += bias[j];
        float mean = row_sum(row, n) / (float)n;
        float acc[LANES] = {0};
        long j = 0;
        for (; j + LANES <= n; j += LANES)
            for (int k = 0; k < LANES; k++) {
                float d = row[j + k] - mean;
                acc[k] += d * d;
            }
        float sq = 0;
        for (int k = 0; k < LANES; k++) sq += acc[k];
        for (; j < n; j++) sq += (row[j] - mean) * (row[j] - mean);
        float rstd = 1.0f / sqrtf(sq / (float)n + eps);
        for (j = 0; j < n; j++) row[j] = (row[j] - mean) * rstd * gamma[j] + beta[j];
    }
}
