/// A vector written as int8 codes times one scale, with the two norms that bound the error of
/// scoring it that way.
///
/// The scale maps the largest component to ±127, so every code uses the full int8 range. For
/// vectors v (a row) and q (a query), with r = ‖v − s·c‖ and n = ‖s·c‖:
///
///     q·v − (s_q·c_q)·(s·c) = q·(v − s·c) + (q − s_q·c_q)·(s·c)
///     |q·v − approx| ≤ ‖q‖·r_v + r_q·n_v                       (Cauchy–Schwarz, twice)
///
/// so an int8 score plus that bound is an upper bound of the exact score, and minus it a lower
/// bound: the index can discard rows without ever holding their float32 values.
struct Int8Code {
    var scale: Float
    /// ‖v − scale·codes‖: how far the codes are from the vector.
    var residual: Float
    /// ‖scale·codes‖.
    var codeNorm: Float

    /// Quantizes `vector` into `codes` (as many as the vector has components).
    init(_ vector: UnsafeBufferPointer<Float>, into codes: UnsafeMutablePointer<Int8>) {
        var peak: Float = 0
        for value in vector { peak = max(peak, abs(value)) }
        let scale = peak > 0 ? peak / 127 : 1
        var residual: Float = 0
        var codeNorm: Float = 0
        for (i, value) in vector.enumerated() {
            let code = Int8(max(-127, min(127, (value / scale).rounded())))
            codes[i] = code
            let approximation = scale * Float(code)
            residual += (value - approximation) * (value - approximation)
            codeNorm += approximation * approximation
        }
        self.scale = scale
        self.residual = residual.squareRoot()
        self.codeNorm = codeNorm.squareRoot()
    }
}
