@testable import Embeddings
import Testing

/// Both layouts of a projection give x · W (short passes take the blocked one, long ones the full).
@Suite struct ProjectionTests {
    @Test(arguments: [1, 16, Projection.blockedRowLimit, Projection.blockedRowLimit + 1, 200])
    func bothLayoutsMultiply(rows: Int) {
        let (inputs, outputs) = (48, 96)
        let w = (0..<(inputs * outputs)).map { Float(($0 * 7919) % 257) / 257 - 0.5 }
        let x = (0..<(rows * inputs)).map { Float(($0 * 104_729) % 263) / 263 - 0.5 }
        let y0 = (0..<(rows * outputs)).map { Float($0 % 5) }
        let blocks = UnsafeMutablePointer<Float>.allocate(capacity: inputs * outputs)
        defer { blocks.deallocate() }
        for beta: Float in [0, 1] {
            var y = y0
            w.withUnsafeBufferPointer { wp in
                let projection = Projection(full: wp.baseAddress!, blocks: blocks, inputs: inputs, outputs: outputs)
                projection.apply(x, rows: rows, beta: beta, into: &y)
            }
            var worst: Float = 0
            for r in 0..<rows {
                for c in 0..<outputs {
                    var want = beta * y0[r * outputs + c]
                    for k in 0..<inputs { want += x[r * inputs + k] * w[k * outputs + c] }
                    worst = max(worst, abs(y[r * outputs + c] - want))
                }
            }
            #expect(worst < 1e-4, "rows \(rows), beta \(beta): max abs diff \(worst)")
        }
    }
}
