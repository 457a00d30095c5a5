import Embeddings
import Foundation
import Testing

@testable import CacheSidecar

@Suite("TokenAlignment")
struct TokenAlignmentTests {
    /// Hand-made states in 3 dimensions: each token a unit vector, its direction named.
    static let directions: [String: [Float]] = [
        "x": [1, 0, 0], "y": [0, 1, 0], "z": [0, 0, 1], "xy": [0.6, 0.8, 0], "yz": [0, 0.6, 0.8],
    ]

    static func states(_ tokens: [(String, String)]) -> TokenStates {
        TokenStates(vector: [1, 0, 0], tokens: tokens.map(\.0), states: tokens.flatMap { directions[$0.1]! })
    }

    @Test func identicalPromptsAlignFully() {
        let a = Self.states([("price", "x"), ("gold", "y")])
        #expect(TokenAlignment.score(a, a) == 1)
    }

    @Test func aContentTokenWithoutCounterpartDecides() {
        let short = Self.states([("price", "x"), ("gold", "y")])
        let longer = Self.states([("price", "x"), ("gold", "y"), ("uk", "z")])
        // "uk" finds nothing (cosine 0 with both); either direction, the worse side decides.
        #expect(TokenAlignment.score(short, longer) == 0)
        #expect(TokenAlignment.score(longer, short) == 0)
        // A near counterpart scores its cosine.
        let near = Self.states([("price", "x"), ("gold", "y"), ("britain", "yz")])
        #expect(abs(TokenAlignment.score(longer, near) - 0.8) < 1e-6)
    }

    @Test func functionWordsAndPunctuationNeedNoCounterpart() {
        let plain = Self.states([("price", "x"), ("gold", "y")])
        let padded = Self.states([("what", "z"), ("is", "z"), ("the", "z"), ("price", "x"), ("gold", "y"), ("?", "z"), ("'", "z")])
        #expect(TokenAlignment.score(plain, padded) == 1)
        // A word piece is content even though it starts with "#".
        let piece = Self.states([("price", "x"), ("gold", "y"), ("##s", "z")])
        #expect(TokenAlignment.score(plain, piece) == 0)
        #expect(TokenAlignment.isContent("##s") && !TokenAlignment.isContent("...") && !TokenAlignment.isContent("which"))
    }

    @Test func courtesyWordsNeedNoCounterpart() {
        let plain = Self.states([("price", "x"), ("gold", "y")])
        // "hi … gold price pls": "pls" is cut into "pl", "##s", and neither piece needs a counterpart.
        let polite = Self.states([("hi", "z"), ("u", "z"), ("gold", "y"), ("price", "x"), ("pl", "z"), ("##s", "z")])
        #expect(TokenAlignment.score(plain, polite) == 1)
        #expect(TokenAlignment.contentMask(["hi", "tell", "me", "pl", "##s", "pl", "##ant"]) == [false, true, false, false, false, true, true])
        // "US" is the country: lowercased, it still needs a counterpart.
        #expect(TokenAlignment.contentMask(["us", "state"]) == [true, true])
    }

    @Test func aSideWithoutContentTokensUsesAllItsTokens() {
        let onlyFunction = Self.states([("what", "x"), ("is", "xy")])
        let other = Self.states([("what", "x")])
        // "is" (xy) best matches "what" (x) at 0.6; with no content token every token counts.
        #expect(abs(TokenAlignment.score(onlyFunction, other) - 0.6) < 1e-6)
    }

    @Test func anEmptySideScoresZero() {
        let empty = TokenStates(vector: [1, 0, 0], tokens: [], states: [])
        #expect(TokenAlignment.score(empty, Self.states([("gold", "y")])) == 0)
        #expect(TokenAlignment.score(Self.states([("gold", "y")]), empty) == 0)
    }

    /// The real model's states, scored in Swift, against `scripts/quality/token_alignment.py`'s
    /// definition over the numpy reference (`scripts/reference/make_token_state_goldens.py`).
    @Test func matchesThePythonMeasurement() async throws {
        struct Golden: Decodable {
            struct Pair: Decodable { let a: String; let b: String; let alignment: Float }
            let pairs: [Pair]
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("EmbeddingsTests/Fixtures/token-states.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        let embedder = try MiniLMEmbedder(modelDirectory: SidecarHarness.modelDirectory)
        for pair in golden.pairs {
            let states = try await embedder.embedWithTokenStates([pair.a, pair.b])
            let score = TokenAlignment.score(states[0], states[1])
            #expect(abs(score - pair.alignment) <= 1e-4, "\(pair.a) / \(pair.b): \(score), Python \(pair.alignment)")
        }
    }
}
