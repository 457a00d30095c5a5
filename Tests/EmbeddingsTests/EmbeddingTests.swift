import Embeddings
import Foundation
import Testing

/// Vectors from the Swift encoder against goldens from an independent numpy implementation.
@Suite struct EmbeddingTests {
    static let tolerance: Float = 1e-4

    @Test func singleTextsMatchGoldens() throws {
        let embedder = try Support.embedder()
        var worst: Float = 0
        for (i, golden) in Support.goldens.cases.enumerated() {
            let v = embedder.embedBatch([golden.text])[0]
            #expect(v.count == 384)
            let diff = Support.maxAbsDiff(v, golden.embedding)
            #expect(diff <= Self.tolerance, "text \(i) \(golden.text.prefix(40).debugDescription): max abs diff \(diff)")
            worst = max(worst, diff)
        }
        print("EmbeddingTests: \(Support.goldens.cases.count) single texts, worst max abs diff \(worst)")
    }

    @Test func mixedLengthBatchMatchesGoldens() throws {
        let embedder = try Support.embedder()
        let cases = Support.goldens.cases
        // All texts at once, shuffled deterministically so lengths are mixed.
        let order = cases.indices.sorted { ($0 * 7919) % cases.count < ($1 * 7919) % cases.count }
        let vectors = embedder.embedBatch(order.map { cases[$0].text })
        var worst: Float = 0
        for (slot, i) in order.enumerated() {
            let diff = Support.maxAbsDiff(vectors[slot], cases[i].embedding)
            #expect(diff <= Self.tolerance, "batched text \(i): max abs diff \(diff)")
            worst = max(worst, diff)
        }
        print("EmbeddingTests: batch of \(cases.count), worst max abs diff \(worst)")
    }

    @Test func batchingDoesNotChangeResults() throws {
        let embedder = try Support.embedder()
        let texts = ["short", "a considerably longer sentence that has many more tokens in it than the first", "mid length text"]
        let batch = embedder.embedBatch(texts)
        for (i, t) in texts.enumerated() {
            #expect(Support.maxAbsDiff(batch[i], embedder.embedBatch([t])[0]) < 1e-5)
        }
    }

    @Test func vectorsAreUnitLengthAndMeaningful() async throws {
        let embedder = try Support.embedder()
        #expect(embedder.dimensions == 384)
        #expect(embedder.modelName == "all-MiniLM-L6-v2")
        let v = try await embedder.embed([
            "What is the capital of France?", "Which city is France's capital?", "How do I bake sourdough bread?",
        ])
        for x in v {
            let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
        func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        #expect(dot(v[0], v[1]) > 0.8)
        #expect(dot(v[0], v[2]) < 0.3)
    }

    @Test func concurrentAsyncCallersGetTheirOwnResults() async throws {
        let embedder = try Support.embedder()
        let cases = Array(Support.goldens.cases.prefix(16))
        let results = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for (i, c) in cases.enumerated() {
                group.addTask { (i, try await embedder.embed([c.text])[0]) }
            }
            var out = [[Float]](repeating: [], count: cases.count)
            for try await (i, v) in group { out[i] = v }
            return out
        }
        for (i, c) in cases.enumerated() {
            #expect(Support.maxAbsDiff(results[i], c.embedding) <= Self.tolerance)
        }
        #expect(try await embedder.embed([]).isEmpty)
    }

    @Test func concurrentSyncCallers() throws {
        let embedder = try Support.embedder()
        let cases = Array(Support.goldens.cases.prefix(8))
        let failures = NSLock()
        nonisolated(unsafe) var worst: Float = 0
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let d = Support.maxAbsDiff(embedder.embedBatch([cases[i].text])[0], cases[i].embedding)
            failures.lock(); worst = max(worst, d); failures.unlock()
        }
        #expect(worst <= Self.tolerance)
    }

    @Test func missingModelDirectoryNamesTheFile() {
        #expect {
            _ = try MiniLMEmbedder(modelDirectory: "/nonexistent/model-dir")
        } throws: { error in
            "\(error)".contains("/nonexistent/model-dir/config.json")
        }
    }
}
