import CEncoderKernels

/// Element-wise work of the encoder, between the matrix products that go to BLAS.
///
/// The arithmetic lives in `CEncoderKernels`, compiled for AVX-512, AVX2 and baseline x86-64 and
/// chosen at load time: GELU alone took 7 % of a 64-token forward pass with Swift's baseline
/// 4-wide code. The copies below stay in Swift; they are memory moves, not arithmetic.
enum Kernels {
    /// erf(x) as the GELU kernel computes it (max abs error ≈ 3e-7; see `KernelTests`).
    static func erf(_ x: Float) -> Float { cek_erf(x) }

    /// exp(x) as the softmax kernel computes it (relative error ≈ 1.2e-7 for x ≤ 88).
    static func exp(_ x: Float) -> Float { cek_exp(x) }

    /// `rows` rows of `cols`: x ← gelu(x + bias), exact-erf GELU.
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, cols: Int) {
        cek_add_bias_gelu(x, bias, rows, cols)
    }

    /// `rows` rows of `n`: x ← LayerNorm(x + bias)·gamma + beta.
    static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, gamma: UnsafePointer<Float>,
        beta: UnsafePointer<Float>, rows: Int = 1, n: Int, eps: Float
    ) {
        cek_add_bias_layer_norm_rows(x, bias, gamma, beta, rows, n, eps)
    }

    /// `rows` rows of `n` with stride `ld` (default `n`), each ← softmax(row).
    static func softmax(_ x: UnsafeMutablePointer<Float>, rows: Int = 1, n: Int, ld: Int? = nil) {
        cek_softmax_rows(x, rows, n, ld ?? n)
    }

    /// Copies `row` (n floats) into each of `rows` rows of `x` with stride `ld`: pre-loads the
    /// bias so the following GEMM can accumulate onto it (beta = 1) instead of a second pass.
    @inline(__always)
    static func broadcastRows(_ x: UnsafeMutablePointer<Float>, row: UnsafePointer<Float>, rows: Int, n: Int, ld: Int) {
        for r in 0..<rows {
            (x + r * ld).update(from: row, count: n)
        }
    }

    /// dst = a + b + c, used to sum the three embeddings.
    @inline(__always)
    static func add3(_ dst: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>, n: Int) {
        for j in 0..<n { dst[j] = a[j] + b[j] + c[j] }
    }
}
