import CBlas

/// A linear layer's weight matrix, [in × out], kept in two layouts because OpenBLAS's best
/// path depends on how many token rows go through it.
///
/// - `full`: one row-major [in × out] matrix, for passes over many tokens. OpenBLAS packs the
///   weights into its own layout on every call, which pays off once many rows reuse them.
/// - `blocks`: the same values as out/32 contiguous [in × 32] matrices, for passes over few
///   tokens. A product that narrow goes to OpenBLAS's small-matrix kernel, which reads the
///   weights where they lie, in one sequential stream, instead of first copying them: with 16
///   tokens the 24 products of a pass took 2.9 ms instead of 4.8 (CPU time, docs/BENCHMARKS.md).
///   With many rows, those 36–48 narrow calls each re-pack the activations, so past
///   `blockedRowLimit` rows the full matrix is faster.
struct Projection {
    static let blockWidth = 32
    /// Token rows up to which the blocked layout is used (crossover measured between 64 and 128).
    static let blockedRowLimit = 80

    let inputs: Int
    let outputs: Int
    let full: UnsafePointer<Float>
    let blocks: UnsafePointer<Float>

    /// Floats both layouts of an [inputs × outputs] matrix take.
    static func storage(inputs: Int, outputs: Int) -> Int { 2 * inputs * outputs }

    /// Writes the blocked copy of `full` into `blocks` (outputs a multiple of `blockWidth`).
    init(full: UnsafePointer<Float>, blocks: UnsafeMutablePointer<Float>, inputs: Int, outputs: Int) {
        precondition(outputs % Self.blockWidth == 0, "output width \(outputs) is not a multiple of \(Self.blockWidth)")
        let w = Self.blockWidth
        for b in 0..<(outputs / w) {
            let block = blocks + b * inputs * w
            for k in 0..<inputs {
                (block + k * w).update(from: full + k * outputs + b * w, count: w)
            }
        }
        self.inputs = inputs
        self.outputs = outputs
        self.full = full
        self.blocks = UnsafePointer(blocks)
    }

    /// y ← x · W + beta · y for `rows` rows of x ([rows × inputs], row stride `inputs`) into y
    /// ([rows × outputs], row stride `outputs`).
    func apply(_ x: UnsafePointer<Float>, rows: Int, beta: Float, into y: UnsafeMutablePointer<Float>) {
        let (m, k, n) = (Int32(rows), Int32(inputs), Int32(outputs))
        guard rows <= Self.blockedRowLimit else {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, x, k, full, n, beta, y, n)
            return
        }
        let w = Self.blockWidth
        for b in 0..<(outputs / w) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, Int32(w), k,
                        1, x, k, blocks + b * inputs * w, Int32(w), beta, y + b * w, n)
        }
    }
}
