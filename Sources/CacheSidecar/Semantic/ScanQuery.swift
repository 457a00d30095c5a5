/// A query prepared for the int8 scan: its codes, and the terms that turn a row's int8 dot
/// product into bounds of the exact float32 score.
struct ScanQuery {
    var codes: [Int8]
    var minimum: Float
    /// Approximate score of a row = dot(codes) × rowScale × `scale`.
    let scale: Float
    /// Error bound of a row = `residualWeight` × its residual + `normWeight` × its code norm
    /// (``Int8Code``: ‖q‖·r_v + r_q·n_v, widened by `floatSlack`).
    let residualWeight: Float
    let normWeight: Float

    /// Relative slack for float32 rounding: the exact score is itself a float32 sum of
    /// `dimensions` products, off from the real dot product by at most dimensions·ε·‖q‖·‖v‖
    /// (‖v‖ ≤ r + n); twice that also covers the rounding of the bound's own few operations.
    static func floatSlack(dimensions: Int) -> Float { 2 * Float(dimensions) * Float.ulpOfOne }

    init(_ vector: [Float], minimum: Float) {
        var codes = [Int8](repeating: 0, count: vector.count)
        let code = vector.withUnsafeBufferPointer { v in
            codes.withUnsafeMutableBufferPointer { Int8Code(v, into: $0.baseAddress!) }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let slack = norm * Self.floatSlack(dimensions: vector.count)
        self.codes = codes
        self.minimum = minimum
        scale = code.scale
        residualWeight = norm + slack
        normWeight = code.residual + slack
    }
}
