import CBlas

/// The similarity the cache decides and reports with: the float32 dot product of the query and a
/// stored vector (both unit length, so their cosine), one `cblas_sdot` per vector.
///
/// One number per pair, however many vectors are scored together: `cblas_sgemv` over a block
/// sums in an order that depends on the block's size (a row scored among 3 000 and among 3 came
/// out 1–3 ulps apart), and a threshold must not decide differently for the same pair. Every
/// exact score — ``ExactRanking``'s, the tests' brute-force scans — comes from here, so they
/// agree to the bit.
package enum ExactSimilarity {
    /// `query` · each of `vectors` (all of the query's dimension).
    package static func scores(_ query: [Float], _ vectors: [[Float]]) -> [Float] {
        query.withUnsafeBufferPointer { q in
            vectors.map { vector in
                precondition(vector.count == q.count, "vector has \(vector.count) dimensions, expected \(q.count)")
                return vector.withUnsafeBufferPointer { cblas_sdot(Int32(q.count), q.baseAddress, 1, $0.baseAddress, 1) }
            }
        }
    }
}
