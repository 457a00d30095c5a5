import Embeddings
import Foundation
import Testing

/// Token states against the numpy reference (`scripts/reference/make_token_state_goldens.py`).
@Suite struct TokenStatesTests {
    struct Golden: Decodable {
        struct Text: Decodable {
            let text: String
            let tokens: [String]
            let states: [[Float]]
        }
        let texts: [Text]
    }

    static let goldens: Golden = {
        let url = Support.fixtures.appendingPathComponent("token-states.json")
        do {
            return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot load \(url.path): \(error)")
        }
    }()

    @Test func statesMatchTheReference() async throws {
        let embedder = try Support.embedder()
        let texts = Self.goldens.texts
        // All at once: the states of each text come out of one packed pass.
        let results = try await embedder.embedWithTokenStates(texts.map(\.text))
        var worst: Float = 0
        for (golden, result) in zip(texts, results) {
            #expect(result.tokens == golden.tokens, "\(golden.text)")
            #expect(result.states.count == golden.states.count * 384)
            for (row, expected) in golden.states.enumerated() {
                let actual = Array(result.states[(row * 384)..<((row + 1) * 384)])
                let diff = Support.maxAbsDiff(actual, expected)
                #expect(diff <= EmbeddingTests.tolerance, "\(golden.text) token \(row): max abs diff \(diff)")
                worst = max(worst, diff)
                let norm = actual.reduce(0) { $0 + $1 * $1 }.squareRoot()
                #expect(abs(norm - 1) < 1e-5)
            }
            // The vector is the one `embed` gives for the text alone, up to rounding: a packed pass
            // has more rows, and OpenBLAS blocks (so sums) a taller product differently.
            let alone = embedder.embedBatch([golden.text])[0]
            #expect(Support.maxAbsDiff(result.vector, alone) <= 1e-6, "\(golden.text)")
        }
        print("TokenStatesTests: \(texts.count) texts, worst max abs diff \(worst)")
    }

    /// Jobs with and without states share passes; neither changes the other's results.
    @Test func mixedConcurrentCallersShareThePasses() async throws {
        let embedder = try Support.embedder()
        let texts = ["How do I reset my password?", "What is the capital of France?", "", "Why do I feel alone?"]
        let alone = embedder.embedBatch(texts)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, text) in texts.enumerated() {
                group.addTask {
                    let vector = try await embedder.embed([text])[0]
                    #expect(Support.maxAbsDiff(vector, alone[i]) < 1e-5)
                }
                group.addTask {
                    let states = try await embedder.embedWithTokenStates([text])[0]
                    #expect(Support.maxAbsDiff(states.vector, alone[i]) < 1e-5)
                    #expect(states.tokens.count * 384 == states.states.count)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await embedder.embedWithTokenStates([""])[0].tokens.isEmpty)
    }
}
