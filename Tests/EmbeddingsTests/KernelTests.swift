@testable import Embeddings
import Foundation
import Testing

@Suite struct KernelTests {
    @Test func erfIsAccurate() {
        var worst: Double = 0
        var x = -6.0
        while x <= 6.0 {
            worst = max(worst, abs(Double(Kernels.erf(Float(x))) - Foundation.erf(x)))
            x += 1e-4
        }
        print("KernelTests: erf max abs error \(worst)")
        #expect(worst < 5e-7)
    }

    @Test func expIsAccurate() {
        var worst: Double = 0
        var x = -80.0
        while x <= 80.0 {
            let rel = abs(Double(Kernels.exp(Float(x))) - Foundation.exp(Double(Float(x)))) / Foundation.exp(Double(Float(x)))
            worst = max(worst, rel)
            x += 1e-3
        }
        print("KernelTests: exp max rel error \(worst)")
        #expect(worst < 3e-7)
    }

    @Test func softmaxMatchesNaive() {
        for n in [1, 7, 8, 13, 64, 255] {
            var v = (0..<n).map { Float(sin(Double($0) * 1.7) * 9) }
            let m = v.max()!
            let e = v.map { Foundation.exp(Double($0 - m)) }
            let s = e.reduce(0, +)
            v.withUnsafeMutableBufferPointer { Kernels.softmax($0.baseAddress!, n: n) }
            for i in 0..<n { #expect(abs(Double(v[i]) - e[i] / s) < 1e-6) }
        }
    }

    @Test func softmaxRowsKeepTheirStride() {
        let (rows, n, ld) = (3, 13, 16)
        var v = (0..<(rows * ld)).map { Float(cos(Double($0) * 0.9) * 5) }
        let before = v
        v.withUnsafeMutableBufferPointer { Kernels.softmax($0.baseAddress!, rows: rows, n: n, ld: ld) }
        for r in 0..<rows {
            let row = before[(r * ld)..<(r * ld + n)].map(Double.init)
            let e = row.map { Foundation.exp($0 - row.max()!) }
            for i in 0..<n { #expect(abs(Double(v[r * ld + i]) - e[i] / e.reduce(0, +)) < 1e-6) }
            for i in n..<ld { #expect(v[r * ld + i] == before[r * ld + i], "padding between rows is left alone") }
        }
    }

    /// 384 is the model's width; 37 checks the tails past the last full vector.
    @Test(arguments: [384, 37]) func layerNormMatchesNaive(n: Int) {
        let rows = 2
        var x = (0..<(rows * n)).map { Float(cos(Double($0) * 0.37) * 3 + 50) }  // large mean on purpose
        let bias = (0..<n).map { Float($0 % 5) * 0.1 }
        let gamma = (0..<n).map { 1 + Float($0 % 3) * 0.5 }
        let beta = (0..<n).map { Float($0 % 7) * -0.2 }
        let y = x.enumerated().map { Double($1 + bias[$0 % n]) }
        x.withUnsafeMutableBufferPointer {
            Kernels.addBiasLayerNorm($0.baseAddress!, bias: bias, gamma: gamma, beta: beta, rows: rows, n: n, eps: 1e-12)
        }
        for r in 0..<rows {
            let row = y[(r * n)..<((r + 1) * n)]
            let mean = row.reduce(0, +) / Double(n)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
            for i in 0..<n {
                let want = (row[r * n + i] - mean) / (variance + 1e-12).squareRoot() * Double(gamma[i]) + Double(beta[i])
                #expect(abs(Double(x[r * n + i]) - want) < 1e-4)
            }
        }
    }

    @Test func geluMatchesDefinition() {
        let (rows, cols) = (3, 37)
        var x = (0..<(rows * cols)).map { Float($0 - 55) * 0.11 }
        let bias = (0..<cols).map { Float($0 % 4) * 0.125 }
        let want = x.enumerated().map { i, v -> Double in
            let h = Double(v) + Double(bias[i % cols])
            return 0.5 * h * (1 + Foundation.erf(h / 2.0.squareRoot()))
        }
        x.withUnsafeMutableBufferPointer { Kernels.addBiasGELU($0.baseAddress!, bias: bias, rows: rows, cols: cols) }
        for i in 0..<(rows * cols) { #expect(abs(Double(x[i]) - want[i]) < 2e-6) }
    }
}
