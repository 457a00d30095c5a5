/// Element-wise kernels of the encoder, written over raw contiguous buffers with 8-wide SIMD.
///
/// The matrix products go to BLAS; everything between them (bias, GELU, softmax, LayerNorm)
/// is memory-bound, so each kernel makes as few passes as possible over rows that are
/// already in L1, never allocates, and uses polynomial `exp`/`erf` instead of libm calls
/// (a scalar libm call per element would cost more than the surrounding arithmetic).
enum Kernels {
    public typealias V = SIMD8<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// Branch-free clamp. (`SIMD.clamped` calls the generic, non-inlined `pointwiseMin/Max`,
    /// which cost ~100 instructions each in a profile; masked replacement compiles to a handful.)
    @inline(__always) static func clamp(_ x: V, _ lo: Float, _ hi: Float) -> V {
        var y = x
        y.replace(with: V(repeating: lo), where: y .< V(repeating: lo))
        y.replace(with: V(repeating: hi), where: y .> V(repeating: hi))
        return y
    }

    // MARK: erf and exp

    // erf(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 4 (and ±1 beyond, where erf is 1 to within 2e-8).
    // Coefficients fitted for this project (weighted least-squares rational fit in float64,
    // iterated towards minimax); fit error 1.5e-9, float32 evaluation error ≈ 3e-7.
    @usableFromInline static let erfP: (Float, Float, Float, Float, Float, Float, Float) = (
        1.128379225730896, 0.18471121788024902, 0.05433278903365135, 0.003839575918391347,
        0.00038269630749709904, 4.780618382937973e-06, -1.3667218468071951e-08
    )
    @usableFromInline static let erfQ: (Float, Float, Float, Float, Float) = (
        0.4970296025276184, 0.11382673680782318, 0.015453621745109558, 0.0013095943722873926,
        6.401006248779595e-05
    )

    /// Vectorised erf; max abs error ≈ 3e-7 (see `KernelTests`).
    @inline(__always) public static func erf(_ x: V) -> V {
        let c = clamp(x, -4, 4)
        let z = c * c
        var p = V(repeating: erfP.6)
        p = p * z + erfP.5
        p = p * z + erfP.4
        p = p * z + erfP.3
        p = p * z + erfP.2
        p = p * z + erfP.1
        p = p * z + erfP.0
        var q = V(repeating: erfQ.4)
        q = q * z + erfQ.3
        q = q * z + erfQ.2
        q = q * z + erfQ.1
        q = q * z + erfQ.0
        q = q * z + 1
        let r = c * p / q
        return clamp(r, -1, 1)
    }

    /// Scalar erf with the same approximation (for tails and tests).
    public static func erf(_ x: Float) -> Float {
        erf(V(repeating: x))[0]
    }

    /// Vectorised exp for x ≤ 88: exp(x) = 2ⁿ·e^r with |r| ≤ ln2/2 and a degree-6 Taylor
    /// polynomial for e^r (relative error ≈ 1.2e-7). Inputs below -87 flush towards 0.
    @inline(__always) public static func exp(_ x: V) -> V {
        let x = clamp(x, -87, 88)
        // Round x/ln2 to the nearest integer with the 1.5·2²³ trick: the integer lands in the
        // low mantissa bits, so no float→int conversion instruction is needed.
        let magic: Float = 12_582_912
        let shifted = x * 1.442695041 + magic
        let n = shifted - magic
        let r = (x - n * 0.693145752) - n * 1.428606765e-06
        var p = V(repeating: 1.0 / 720)
        p = p * r + (1.0 / 120)
        p = p * r + (1.0 / 24)
        p = p * r + (1.0 / 6)
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let ni = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((ni &+ 127) &<< 23, to: V.self)
        return p * scale
    }

    public static func exp(_ x: Float) -> Float {
        exp(V(repeating: x))[0]
    }

    // MARK: fused row kernels

    /// `rows` rows of `cols` (a multiple of 8): x ← gelu(x + bias), exact-erf GELU.
    public static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, cols: Int) {
        let half = V(repeating: 0.5)
        let invSqrt2 = V(repeating: 0.70710678118654752)
        for r in 0..<rows {
            let row = x + r * cols
            var j = 0
            while j < cols {
                let h = load(row + j) + load(bias + j)
                store(half * h * (1 + erf(h * invSqrt2)), row + j)
                j += 8
            }
        }
    }

    /// One row of `n` (a multiple of 8): x ← LayerNorm(x + bias)·gamma + beta.
    /// The first pass adds the bias and sums, the second takes the centred sum of squares
    /// (exact even when the mean is large), the third scales; the row stays in L1 throughout.
    @inline(__always)
    public static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, gamma: UnsafePointer<Float>,
        beta: UnsafePointer<Float>, n: Int, eps: Float
    ) {
        var acc = V()
        var j = 0
        if let bias {
            while j < n {
                let v = load(x + j) + load(bias + j)
                store(v, x + j)
                acc += v
                j += 8
            }
        } else {
            while j < n { acc += load(x + j); j += 8 }
        }
        let mean = acc.sum() / Float(n)
        let m = V(repeating: mean)
        var sq = V()
        j = 0
        while j < n {
            let d = load(x + j) - m
            sq += d * d
            j += 8
        }
        let rstd = 1 / (sq.sum() / Float(n) + eps).squareRoot()
        let s = V(repeating: rstd)
        j = 0
        while j < n {
            store((load(x + j) - m) * s * load(gamma + j) + load(beta + j), x + j)
            j += 8
        }
    }

    /// In-place softmax of one row of any length.
    @inline(__always)
    public static func softmax(_ x: UnsafeMutablePointer<Float>, n: Int) {
        var j = 0
        var vmax = V(repeating: -.greatestFiniteMagnitude)
        while j + 8 <= n {
            let v = load(x + j)
            vmax.replace(with: v, where: v .> vmax)
            j += 8
        }
        var mx = vmax.max()
        while j < n { mx = Swift.max(mx, x[j]); j += 1 }
        let m = V(repeating: mx)
        var vsum = V()
        j = 0
        while j + 8 <= n {
            let e = exp(load(x + j) - m)
            store(e, x + j)
            vsum += e
            j += 8
        }
        var sum = vsum.sum()
        while j < n {
            let e = exp(x[j] - mx)
            x[j] = e
            sum += e
            j += 1
        }
        let inv = 1 / sum
        let vi = V(repeating: inv)
        j = 0
        while j + 8 <= n { store(load(x + j) * vi, x + j); j += 8 }
        while j < n { x[j] *= inv; j += 1 }
    }

    /// Copies `row` (n floats) into each of `rows` rows of `x` with stride `ld`: pre-loads the
    /// bias so the following GEMM can accumulate onto it (beta = 1) instead of a second pass.
    @inline(__always)
    public static func broadcastRows(_ x: UnsafeMutablePointer<Float>, row: UnsafePointer<Float>, rows: Int, n: Int, ld: Int) {
        for r in 0..<rows {
            (x + r * ld).update(from: row, count: n)
        }
    }

    /// dst = a + b + c (n a multiple of 8), used to sum the three embeddings.
    @inline(__always)
    public static func add3(_ dst: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>, n: Int) {
        var j = 0
        while j < n {
            store(load(a + j) + load(b + j) + load(c + j), dst + j)
            j += 8
        }
    }
}
