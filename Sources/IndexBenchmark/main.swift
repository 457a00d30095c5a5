import CIndexKernels
import CacheSidecar
import Foundation

// Semantic index lookup cost: one context holding N entries, scored by `VectorMatrix` as the
// sidecar does (cblas_sgemv for one query, cblas_sgemm for a batch), plus resident memory per
// entry. Markdown on stdout.
//
//     OPENBLAS_NUM_THREADS=1 swift run -c release IndexBenchmark [sizes] [--seconds S] [--int8]
//     --int8: also time the int8 prototype below (exact, a quarter of the bytes)
//     sizes: comma-separated entry counts, default 10000,100000,1000000

let dimensions = 384
var sizes = [10_000, 100_000, 1_000_000]
var secondsPerCase = 3.0
var prototype = false
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    if argument == "--seconds", let value = arguments.first.flatMap(Double.init) {
        secondsPerCase = value
        arguments.removeFirst()
    } else if argument == "--int8" {
        prototype = true
    } else {
        sizes = argument.split(separator: ",").compactMap { Int($0) }
    }
}

/// Resident set size in bytes, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// xorshift64*: fast, reproducible.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
    /// Roughly normal (sum of uniforms), enough for directions on the sphere.
    mutating func gaussian() -> Float {
        var sum: Float = 0
        for _ in 0..<4 { sum += Float(next() >> 40) / Float(1 << 24) }
        return sum - 2
    }
    mutating func unitVector() -> [Float] {
        var v = (0..<dimensions).map { _ in gaussian() }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in v.indices { v[i] /= norm }
        return v
    }
    mutating func entryID() -> EntryID {
        let hex = (0..<4).map { _ -> String in
            let text = String(next(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
        return EntryID(hex: hex)!
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

/// Runs `body` for about `secondsPerCase` (at least 20 times, after 3 warm-ups); sorted timings.
@MainActor func timings(_ body: () -> Void) -> [Double] {
    for _ in 0..<3 { body() }
    var samples: [Double] = []
    var total = 0.0
    while samples.count < 20 || (total < secondsPerCase * 1000 && samples.count < 10_000) {
        let t = milliseconds(body)
        samples.append(t)
        total += t
    }
    return samples.sorted()
}


/// Prototype (not used by the sidecar): the same rows as int8 with a per-row scale and a per-row
/// bound on the rounding error, so a scan reads a quarter of the bytes and stays exact: a row can
/// reach `minimum` only if its int8 score plus its error bound does, and only those rows are
/// scored again in float32.
struct Int8Rows {
    let count: Int
    var codes: [Int8]
    var scales: [Float]
    /// ‖v − scale·code‖ per row.
    var residuals: [Float]
    /// ‖scale·code‖ per row.
    var norms: [Float]

    init(_ vectors: [[Float]]) {
        count = vectors.count
        codes = [Int8](repeating: 0, count: count * dimensions)
        scales = []; residuals = []; norms = []
        for (r, v) in vectors.enumerated() {
            let (code, scale) = Int8Rows.quantize(v)
            var residual: Float = 0, norm: Float = 0
            for i in 0..<dimensions {
                let q = scale * Float(code[i])
                residual += (v[i] - q) * (v[i] - q)
                norm += q * q
                codes[r * dimensions + i] = code[i]
            }
            scales.append(scale); residuals.append(residual.squareRoot()); norms.append(norm.squareRoot())
        }
    }

    static func quantize(_ v: [Float]) -> ([Int8], Float) {
        let peak = v.reduce(0) { max($0, abs($1)) }
        let scale = peak > 0 ? peak / 127 : 1
        return (v.map { Int8(($0 / scale).rounded()) }, scale)
    }

    /// Rows whose exact score may reach `minimum`; `rescore` gives the exact score of a row.
    func search(_ query: [Float], minimum: Float, rescore: (Int) -> Float) -> [(row: Int, score: Float)] {
        let (q8, qScale) = Int8Rows.quantize(query)
        var qResidual: Float = 0
        for i in 0..<dimensions { let d = query[i] - qScale * Float(q8[i]); qResidual += d * d }
        qResidual = qResidual.squareRoot()
        var found: [(row: Int, score: Float)] = []
        var dots = [Int32](repeating: 0, count: count)
        codes.withUnsafeBufferPointer { codes in
            q8.withUnsafeBufferPointer { q in
                dots.withUnsafeMutableBufferPointer { dots in
                    cik_int8_dot_rows(codes.baseAddress, q.baseAddress, Int64(count), Int64(dimensions), dots.baseAddress)
                }
            }
        }
        for r in 0..<count {
            let approx = Float(dots[r]) * scales[r] * qScale
            // |q·v − approx| ≤ ‖q‖‖v − s·c‖ + ‖q − s_q·c_q‖‖s·c‖, with ‖q‖ = 1.
            if approx + residuals[r] + qResidual * norms[r] >= minimum {
                let exact = rescore(r)
                if exact >= minimum { found.append((r, exact)) }
            }
        }
        return found
    }
}

let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset"
print("OPENBLAS_NUM_THREADS=\(threads); \(dimensions) dimensions, float32; \(String(format: "%.0f", secondsPerCase)) s per case\n")
print("| entries | matrix MB | sgemv p50 ms | sgemv p99 ms | sgemm ×8 p50 ms (per query) | sgemm ×32 p50 ms (per query) | GB/s (sgemv p50) | resident bytes / entry | vector bytes / entry |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

var int8Lines: [String] = []
var random = Random(state: 0x9E37_79B9_7F4A_7C15)
let far = Int64.max
for size in sizes {
    let before = residentBytes()
    var matrix: VectorMatrix? = VectorMatrix(dimensions: dimensions)
    let seed = random
    for _ in 0..<size {
        matrix!.upsert(random.entryID(), vector: random.unitVector(), expiresAt: far)
    }
    let residentDelta = residentBytes() - before
    // The prototype's copy of the same vectors, drawn again from the same seed after measuring.
    var kept: [[Float]] = []
    if prototype {
        var again = seed
        for _ in 0..<size {
            _ = again.entryID()
            kept.append(again.unitVector())
        }
    }
    let m = matrix!

    // A stored prompt and its paraphrase: the planted row must be found.
    let planted = random.entryID()
    let storedVector = random.unitVector()
    m.upsert(planted, vector: storedVector, expiresAt: far)
    var query = storedVector
    for i in 0..<8 { query[i * 7] += 0.05 }
    let norm = query.reduce(0) { $0 + $1 * $1 }.squareRoot()
    query = query.map { $0 / norm }
    precondition(m.search(query, minimum: 0.9, limit: 4, now: 0).first?.id == planted, "planted row not found")

    let single = timings { _ = m.search(query, minimum: 0.9, limit: 4, now: 0) }
    var batched: [Int: [Double]] = [:]
    for batch in [8, 32] {
        let queries = [[Float]](repeating: query, count: batch)
        let minimum = [Float](repeating: 0.9, count: batch)
        batched[batch] = timings {
            let results = m.search(batch: queries, minimum: minimum, limit: 4, now: 0)
            precondition(results.allSatisfy { $0.first?.id == planted })
        }
    }
    let bytes = Double(m.vectorBytes)
    let p50 = percentile(single, 0.5)
    func batchCell(_ n: Int) -> String {
        let t = percentile(batched[n]!, 0.5)
        return String(format: "%.2f (%.3f)", t, t / Double(n))
    }
    print(String(format: "| %d | %.0f | %.3f | %.3f | %@ | %@ | %.1f | %.0f | %d |",
        size, bytes / 1e6, p50, percentile(single, 0.99), batchCell(8), batchCell(32),
        bytes / (p50 / 1000) / 1e9, Double(residentDelta) / Double(size), dimensions * 4))
    if prototype {
        // Rows are scored again in float32 from `kept`; in the sidecar they would be the matrix rows.
        kept.append(storedVector)
        let rows = Int8Rows(kept)
        func exact(_ r: Int) -> Float { zip(kept[r], query).reduce(0) { $0 + $1.0 * $1.1 } }
        precondition(rows.search(query, minimum: 0.9, rescore: exact).map(\.row) == [size], "int8 scan lost the planted row")
        // Exactness where many rows pass (random cosines are ~N(0, 0.05)): the same rows as a full float32 scan.
        let probe = random.unitVector()
        let full = Set((0...size).filter { r in zip(kept[r], probe).reduce(0) { $0 + $1.0 * $1.1 } >= 0.12 })
        let viaInt8 = Set(rows.search(probe, minimum: 0.12) { r in zip(kept[r], probe).reduce(0) { $0 + $1.0 * $1.1 } }.map(\.row))
        precondition(full == viaInt8 && !full.isEmpty, "int8 scan differs from the float32 scan")
        let scan = timings { _ = rows.search(query, minimum: 0.9, rescore: exact) }
        int8Lines.append(String(format: "| %d | %.0f | %.3f | %.3f | %.1f |", size, Double(rows.codes.count) / 1e6,
            percentile(scan, 0.5), percentile(scan, 0.99), Double(rows.codes.count) / (percentile(scan, 0.5) / 1000) / 1e9))
    }
    matrix = nil
}
if prototype {
    print("\nPrototype: int8 rows + per-row error bound, exact re-score of rows that may reach 0.9 (one query; kernel: \(cik_kernel() == CIK_PORTABLE ? "portable C" : "AVX2"))\n")
    print("| entries | int8 MB | p50 ms | p99 ms | GB/s |")
    print("|---:|---:|---:|---:|---:|")
    int8Lines.forEach { print($0) }
}
