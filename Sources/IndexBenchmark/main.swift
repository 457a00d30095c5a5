import CBlas
import CIndexKernels
import CacheSidecar
import Foundation

// Semantic index lookup cost: one context holding N entries in the sidecar's `VectorMatrix` (int8
// codes + exact bounds), a lookup being its scan plus `ExactRanking`'s exact re-score of the
// candidates (their float32 vectors come from memory here, from Redis in the sidecar, where they
// arrive with the entry the lookup reads anyway). Baseline in the same run: the float32 matrix
// the index used to be, scored by cblas_sgemv (one query) and cblas_sgemm (a batch).
// Resident memory per entry. Markdown on stdout.
//
//     OPENBLAS_NUM_THREADS=1 swift run -c release IndexBenchmark [sizes] [--seconds S] [--kernel K]
//     sizes: comma-separated entry counts, default 10000,100000,1000000
//     --kernel: portable, avx2 or vnni (default: the best the CPU has)

let dimensions = 384
let threshold: Float = 0.9
var sizes = [10_000, 100_000, 1_000_000]
var secondsPerCase = 3.0
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    if argument == "--seconds", let value = arguments.first.flatMap(Double.init) {
        secondsPerCase = value
        arguments.removeFirst()
    } else if argument == "--kernel", let name = arguments.first {
        _ = cik_select_kernel(Int32(["portable": CIK_PORTABLE, "avx2": CIK_AVX2, "vnni": CIK_AVX512_VNNI][name] ?? CIK_AUTO))
        arguments.removeFirst()
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

/// Runs `body` for about `secondsPerCase` (at least 20 times, after 3 warm-ups); sorted timings in ms.
func timings(_ secondsPerCase: Double, _ body: () async -> Void) async -> [Double] {
    for _ in 0..<3 { await body() }
    var samples: [Double] = []
    var total = 0.0
    while samples.count < 20 || (total < secondsPerCase * 1000 && samples.count < 10_000) {
        let start = DispatchTime.now().uptimeNanoseconds
        await body()
        let t = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        samples.append(t)
        total += t
    }
    return samples.sorted()
}

/// The float32 vectors, as the store holds them (here in memory) and as the old index held them:
/// one row-major matrix.
struct Float32Rows {
    var values: [Float] = []
    var rowOf: [EntryID: Int] = [:]

    mutating func append(_ id: EntryID, _ vector: [Float]) {
        rowOf[id] = values.count / dimensions
        values += vector
    }
    func vector(_ id: EntryID) -> [Float]? {
        rowOf[id].map { Array(values[($0 * dimensions)..<(($0 + 1) * dimensions)]) }
    }
    var count: Int { values.count / dimensions }

    /// The old index's scan: scores (queries × rows) in one cblas_sgemv or cblas_sgemm.
    func scores(_ queries: [Float], queryCount: Int) -> [Float] {
        var scores = [Float](repeating: 0, count: queryCount * count)
        values.withUnsafeBufferPointer { m in
            queries.withUnsafeBufferPointer { q in
                scores.withUnsafeMutableBufferPointer { s in
                    if queryCount == 1 {
                        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(count), Int32(dimensions), 1, m.baseAddress,
                                    Int32(dimensions), q.baseAddress, 1, 0, s.baseAddress, 1)
                    } else {
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(queryCount), Int32(count), Int32(dimensions),
                                    1, q.baseAddress, Int32(dimensions), m.baseAddress, Int32(dimensions), 0, s.baseAddress, Int32(count))
                    }
                }
            }
        }
        return scores
    }
}

/// One lookup as the sidecar makes it, minus Redis: the candidates' vectors come from `store`.
func lookup(_ candidates: CandidateSet, query: [Float], store: Float32Rows) async -> ExactRanking<EntryID>.Scored? {
    var ranking = ExactRanking<EntryID>(candidates, query: query, minimum: threshold)
    return try? await ranking.next { ids in ids.map { id in store.vector(id).map { (id, $0) } } }
}

/// The whole run, in a function rather than at top level: its locals are then not main-actor
/// globals, and awaiting the (nonisolated) lookup costs no hop between threads.
func run(sizes: [Int], secondsPerCase: Double) async {
    let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset"
    print("OPENBLAS_NUM_THREADS=\(threads); \(dimensions) dimensions; int8 kernel: \([CIK_AVX512_VNNI: "AVX-512 VNNI", CIK_AVX2: "AVX2"][Int(cik_kernel())] ?? "portable C"); "
        + "\(String(format: "%.0f", secondsPerCase)) s per case; threshold \(threshold)\n")
    print("int8 index (`VectorMatrix` scan + exact re-score of its candidates); times in ms, batches per query:\n")
    print("| entries | scanned MB | p50 | p99 | ×8 p50 | ×8 p99 | ×32 p50 | ×32 p99 | resident bytes / entry | vector bytes / entry |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    var baselineLines: [String] = []

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
        let m = matrix!
        // The float32 vectors, drawn again from the same seed after measuring.
        var store = Float32Rows()
        store.values.reserveCapacity((size + 1) * dimensions)
        var again = seed
        for _ in 0..<size { store.append(again.entryID(), again.unitVector()) }

        // A stored prompt and its paraphrase (cosine ≈ 0.98): the planted row must be found, with
        // the float32 similarity.
        let planted = random.entryID()
        let storedVector = random.unitVector()
        m.upsert(planted, vector: storedVector, expiresAt: far)
        store.append(planted, storedVector)
        var query = storedVector
        for i in 0..<8 { query[i * 7] += 0.05 }
        let norm = query.reduce(0) { $0 + $1 * $1 }.squareRoot()
        query = query.map { $0 / norm }
        let expected = ExactSimilarity.scores(query, [storedVector])[0]
        func search(_ queries: [[Float]]) -> [CandidateSet] {
            m.search(batch: queries, minimum: queries.map { _ in threshold }, best: CandidateSet.checkedLimit,
                     limit: CandidateSet.listedLimit, now: 0)
        }
        let found = await lookup(search([query])[0], query: query, store: store)
        precondition(found?.id == planted && found?.similarity == expected, "planted row not found with its exact similarity")

        // Exactness where many rows pass (random cosines are ≈ N(0, 0.05)): at a minimum of 0.12 the
        // ranking's top four equal a full float32 scan's.
        let probe = random.unitVector()
        let all = store.scores(probe, queryCount: 1)
        let fullTop = all.indices.filter { all[$0] >= 0.12 }.sorted { all[$0] > all[$1] }.prefix(4)
        var ranking = ExactRanking<EntryID>(
            m.search(probe, minimum: 0.12, best: CandidateSet.checkedLimit, limit: CandidateSet.listedLimit, now: 0),
            query: probe, minimum: 0.12)
        var viaIndex: [Int] = []
        while viaIndex.count < 4, let next = try? await ranking.next(fetch: { ids in ids.map { id in store.vector(id).map { (id, $0) } } }) {
            viaIndex.append(store.rowOf[next.id]!)
        }
        precondition(viaIndex == Array(fullTop) && !viaIndex.isEmpty, "int8 index differs from the float32 scan")

        let single = await timings(secondsPerCase) {
            _ = await lookup(search([query])[0], query: query, store: store)
        }
        var batched: [Int: [Double]] = [:]
        for batch in [8, 32] {
            let queries = [[Float]](repeating: query, count: batch)
            batched[batch] = await timings(secondsPerCase) {
                for candidates in search(queries) {
                    let best = await lookup(candidates, query: query, store: store)
                    precondition(best?.id == planted)
                }
            }.map { $0 / Double(batch) }
        }
        print(String(format: "| %d | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %d |",
            size, Double(m.scannedBytes) / 1e6, percentile(single, 0.5), percentile(single, 0.99),
            percentile(batched[8]!, 0.5), percentile(batched[8]!, 0.99), percentile(batched[32]!, 0.5), percentile(batched[32]!, 0.99),
            Double(residentDelta) / Double(size), dimensions * 4))

        // Baseline: the float32 matrix, best row above the threshold.
        func best(_ scores: ArraySlice<Float>) -> Int? {
            var bestRow: Int?
            for (row, score) in zip(0..., scores) where score >= threshold && bestRow.map({ score > scores[scores.startIndex + $0] }) ?? true {
                bestRow = row
            }
            return bestRow
        }
        let sgemv = await timings(secondsPerCase) { precondition(best(store.scores(query, queryCount: 1)[...]) == size) }
        var sgemm: [Int: [Double]] = [:]
        for batch in [8, 32] {
            let packed = Array([[Float]](repeating: query, count: batch).joined())
            sgemm[batch] = await timings(secondsPerCase) {
                let scores = store.scores(packed, queryCount: batch)
                for j in 0..<batch { precondition(best(scores[(j * store.count)..<((j + 1) * store.count)]) == size) }
            }.map { $0 / Double(batch) }
        }
        baselineLines.append(String(format: "| %d | %.0f | %.3f | %.3f | %.3f | %.3f |", size, Double(store.values.count * 4) / 1e6,
            percentile(sgemv, 0.5), percentile(sgemv, 0.99), percentile(sgemm[8]!, 0.5), percentile(sgemm[32]!, 0.5)))
        matrix = nil
    }
    print("\nBaseline: float32 matrix (the index before int8), sgemv for one query, sgemm for a batch; ms, batches per query:\n")
    print("| entries | matrix MB | sgemv p50 | sgemv p99 | sgemm ×8 p50 | sgemm ×32 p50 |")
    print("|---:|---:|---:|---:|---:|---:|")
    baselineLines.forEach { print($0) }
}

await run(sizes: sizes, secondsPerCase: secondsPerCase)
