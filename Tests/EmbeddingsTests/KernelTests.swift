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

    @Test func layerNormMatchesNaive() {
        let n = 384
        var x = (0..<n).map { Float(cos(Double($0) * 0.37) * 3 + 50) }  // large mean on purpose
        let bias = (0..<n).map { Float($0 % 5) * 0.1 }
        let gamma = (0..<n).map { 1 + Float($0 % 3) * 0.5 }
        let beta = (0..<n).map { Float($0 % 7) * -0.2 }
        let y = zip(x, bias).map { Double($0 + $1) }
        let mean = y.reduce(0, +) / Double(n)
        let variance = y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        x.withUnsafeMutableBufferPointer {
            Kernels.addBiasLayerNorm($0.baseAddress!, bias: bias, gamma: gamma, beta: beta, n: n, eps: 1e-12)
        }
        for i in 0..<n {
            let want = (y[i] - mean) / (variance + 1e-12).squareRoot() * Double(gamma[i]) + Double(beta[i])
            #expect(abs(Double(x[i]) - want) < 1e-4)
        }
    }

    @Test func geluMatchesDefinition() {
        var x = (0..<64).map { Float($0 - 32) * 0.25 }
        let bias = [Float](repeating: 0.125, count: 64)
        let want = x.map { v -> Double in let h = Double(v) + 0.125; return 0.5 * h * (1 + Foundation.erf(h / 2.0.squareRoot())) }
        x.withUnsafeMutableBufferPointer { Kernels.addBiasGELU($0.baseAddress!, bias: bias, rows: 2, cols: 32) }
        for i in 0..<64 { #expect(abs(Double(x[i]) - want[i]) < 2e-6) }
    }
}
