// Benchmark of MiniLMEmbedder: single-text latency, batched throughput, concurrent callers
// and resident memory. Reads the texts written by scripts/reference/bench_onnxruntime.py so
// both implementations see the same inputs. Run through scripts/bench-embeddings.sh.
import Dispatch
import Embeddings
import Foundation

func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time this process has used, in ms: unlike wall time it does not count the time the
/// scheduler gave other processes, so it stays comparable on a busy machine.
func cpuMs() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func report(_ name: String, _ samplesMs: [Double], cpuMsPerText: Double) {
    let s = samplesMs.sorted()
    let mean = s.reduce(0, +) / Double(s.count)
    print(String(format: "%@: p50 %.3f ms, p99 %.3f ms, mean %.3f ms, cpu %.3f ms/text (n=%d)",
                 name, percentile(s, 0.5), percentile(s, 0.99), mean, cpuMsPerText, s.count))
}

struct BenchTexts: Decodable {
    let single16: String
    let single64: String
    let batch_mixed: [String]
    let batch64: [String]
}

var args = CommandLine.arguments.dropFirst()
var textsPath = "bench-out/bench-texts.json"
var modelDir = ProcessInfo.processInfo.environment["MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
var scale = 1.0
var workers = 1
var profileIterations = 0
var profileTokens = 16
while let a = args.popFirst() {
    switch a {
    case "--texts": textsPath = args.popFirst()!
    case "--model": modelDir = args.popFirst()!
    case "--scale": scale = Double(args.popFirst()!)!  // multiplies iteration counts
    case "--workers": workers = Int(args.popFirst()!)!
    case "--profile": profileIterations = Int(args.popFirst()!)!  // only N single-text embeds (for callgrind)
    case "--profile-tokens": profileTokens = Int(args.popFirst()!)!
    default: fatalError("unknown argument \(a)")
    }
}
let texts = try JSONDecoder().decode(BenchTexts.self, from: Data(contentsOf: URL(fileURLWithPath: textsPath)))

if profileIterations > 0 {
    let e = try MiniLMEmbedder(modelDirectory: modelDir)
    let text = profileTokens == 64 ? texts.single64 : texts.single16
    for _ in 0..<profileIterations { _ = e.embedBatch([text]) }
    exit(0)
}

let rssBefore = residentKiB()
let t0 = now()
let embedder = try MiniLMEmbedder(modelDirectory: modelDir, workerThreads: workers)
let loadMs = Double(now() - t0) / 1e6
let rssLoaded = residentKiB()
_ = embedder.embedBatch(texts.batch64)  // touches every weight page and sizes the workspace
let rssWarm = residentKiB()
print("openblas threads: \(ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset (embedder sets 1)"), workers: \(workers)")
print(String(format: "load: %.1f ms; RSS before %d MiB, after load %d MiB, after first batch %d MiB",
             loadMs, rssBefore / 1024, rssLoaded / 1024, rssWarm / 1024))
print("tokens: single16 \(embedder.tokenizer.encode(texts.single16).count), single64 \(embedder.tokenizer.encode(texts.single64).count), "
      + "batch_mixed \(texts.batch_mixed.map { embedder.tokenizer.encode($0).count }.reduce(0, +)) total")

func latency(_ name: String, _ text: String, iterations: Int) {
    for _ in 0..<max(10, iterations / 10) { _ = embedder.embedBatch([text]) }
    var samples: [Double] = []
    let cpu = cpuMs()
    for _ in 0..<iterations {
        let s = now()
        _ = embedder.embedBatch([text])
        samples.append(Double(now() - s) / 1e6)
    }
    report(name, samples, cpuMsPerText: (cpuMs() - cpu) / Double(iterations))
}

func throughput(_ name: String, _ batch: [String], iterations: Int) {
    _ = embedder.embedBatch(batch)
    var best = Double.infinity
    let s = now()
    for _ in 0..<iterations {
        let b = now()
        _ = embedder.embedBatch(batch)
        best = min(best, Double(now() - b) / 1e9)
    }
    let total = Double(now() - s) / 1e9
    print(String(format: "%@: %.1f texts/s (mean over %d batches of %d; best batch %.1f ms)",
                 name, Double(batch.count * iterations) / total, iterations, batch.count, best * 1e3))
}

latency("single 16 tokens", texts.single16, iterations: Int(400 * scale))
latency("single 64 tokens", texts.single64, iterations: Int(200 * scale))
throughput("batch 32 mixed", texts.batch_mixed, iterations: Int(20 * scale))
throughput("batch 32 x 64 tokens", texts.batch64, iterations: Int(10 * scale))

// Concurrent async callers, as the server issues them: each client sends one 16-token text at
// a time; the embedder's worker coalesces what queues up while it is busy.
for clients in [1, 4, 16] {
    let duration = 2.0 * scale
    let start = now()
    let perClient = await withTaskGroup(of: [Double].self) { group in
        for _ in 0..<clients {
            group.addTask {
                var samples: [Double] = []
                while Double(now() - start) / 1e9 < duration {
                    let s = now()
                    _ = try! await embedder.embed([texts.single16])
                    samples.append(Double(now() - s) / 1e6)
                }
                return samples
            }
        }
        var all: [[Double]] = []
        for await s in group { all.append(s) }
        return all
    }
    let all = perClient.flatMap { $0 }.sorted()
    let elapsed = Double(now() - start) / 1e9
    print(String(format: "async, %2d concurrent clients (16 tokens): %.1f texts/s, latency p50 %.2f ms, p99 %.2f ms",
                 clients, Double(all.count) / elapsed, percentile(all, 0.5), percentile(all, 0.99)))
}
