import Embeddings
import Foundation
import HTTPTypes
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Issue 4's behaviour through HTTP, with a real Redis and the real model.
@Suite("Semantic cache through HTTP")
struct SemanticCacheTests {
    static let embedder = Result { try MiniLMEmbedder(modelDirectory: SidecarHarness.modelDirectory) }

    private func similarity(_ a: String, _ b: String) async throws -> Float {
        let vectors = try await Self.embedder.get().embed([a, b])
        return zip(vectors[0], vectors[1]).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private func start(prefix: String? = nil, provider: FakeProvider? = nil) async throws -> SidecarHarness {
        try await SidecarHarness.start(provider: provider, prefix: prefix) { $0.semanticEnabled = true }
    }

    @Test func semanticLayerIsOnWithTheModel() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        #expect(try await sidecar.complete("How do I reset my password?", apiKey: apiKey).xCache == "MISS")
        #expect(try await sidecar.complete("How can I reset my password?", apiKey: apiKey).xCache == "HIT")
        _ = try await sidecar.complete("What is the capital of France?", model: "gpt-4o", apiKey: apiKey)
        let stats = try #require(try await sidecar.send(.GET, path: "/stats", headers: []).json)
        #expect(stats["semantic"]?["enabled"]?.boolValue == true)
        // One context per model, one vector in each: 384 int8 codes and three floats (the
        // float32 vector itself stays in Redis).
        for model in ["gpt-4.1", "gpt-4o"] {
            let index = stats["models"]?[model]?["index"]
            #expect(index?["contexts"]?.integerValue == 1, "\(model)")
            #expect(index?["entries"]?.integerValue == 1, "\(model)")
            #expect(index?["bytes"]?.integerValue == 396, "\(model)")
        }
        #expect(stats["semantic"]?["indexed_entries"]?.integerValue == 2)
    }

    @Test(arguments: [
        ("How do I reset my password?", "How can I reset my password?"),
        ("What is the capital of France?", "What's the capital of France?"),
        ("How do I turn on dark mode in Chrome?", "How can I turn on dark mode in Chrome?"),
        ("Is a tomato a fruit or a vegetable?", "Is a tomato a vegetable or a fruit?"),
        // qqp pairs labeled same (token alignment 0.82–0.92 in scripts/quality/token_alignment.py).
        ("What creates a wave?", "What creates waves?"),
        ("How do masers work?", "How does a MASER work?"),
        ("Why do I feel alone?", "Why am I feeling alone?"),
        // A keyword-style rewrite that puts the topic first.
        ("How do I reverse a list in Python?", "python reverse list"),
        ("How do I undo the last git commit but keep my changes?", "git undo last commit keep changes"),
        // Sentences that trade places, a passive question, two things compared the other way round.
        ("I'm a freelancer in the US and made about $40,000 this year. Do I need to pay quarterly estimated taxes?",
         "Do I need to pay quarterly estimated taxes? I'm a freelancer in the US and made about $40,000 this year."),
        ("Who discovered penicillin?", "penicillin was discovered by whom?"),
        ("What's the difference between weather and climate?", "How is climate different from weather?"),
        // Two task requests whose details come in another order; courtesy words need no counterpart.
        ("Write a limerick about a clumsy giraffe.", "I'd like a limerick about a giraffe who is clumsy."),
        ("write a cover letter for a barista job", "can you help me write a cover letter for a job as a barista"),
        ("How do I convert a list to a set in Python?", "hi there!! can u tell me how to convert a list to a set in python pls"),
    ])
    func paraphrasesHit(_ stored: String, _ asked: String) async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        let first = try await sidecar.complete(stored, apiKey: apiKey)
        #expect(first.xCache == "MISS")
        let second = try await sidecar.complete(asked, apiKey: apiKey)
        let cosine = try await similarity(stored, asked)
        #expect(second.xCache == "HIT", "\(stored) / \(asked): cosine \(cosine)")
        #expect(second.headers.first(name: "x-cache-match") == "semantic")
        let reported = try #require(second.headers.first(name: "x-cache-similarity").flatMap(Double.init))
        #expect(reported >= 0.85 && reported < 1.0)
        // The exact float32 cosine, not the index's int8 estimate (shown to three decimals).
        #expect(abs(reported - Double(cosine)) <= 0.0005 + 1e-6, "reported \(reported), cosine \(cosine)")
        // The alignment stage ran, and the pair passed it.
        let alignment = try #require(second.headers.first(name: "x-cache-alignment").flatMap(Double.init))
        #expect(alignment >= ModelSettingsTable.defaultAlignment.minimum! && alignment <= 1)
        #expect(second.body == first.body)
        #expect(sidecar.provider.callCount() == 1)
    }

    /// Each pair is close enough for cosine alone to match it; only the guards keep it apart.
    @Test(arguments: [
        ("How do I enable dark mode in Chrome?", "How do I disable dark mode in Chrome?"),
        ("How do I increase the font size in VS Code?", "How do I decrease the font size in VS Code?"),
        ("Convert 10 miles to km", "Convert 10 km to miles"),
        ("Show me flights from London to Paris", "Show me flights from Paris to London"),
        ("Show me flights to Paris from London", "Show me flights from Paris to London"),
        ("What is the weather in Paris today?", "What is the weather in Paris tomorrow?"),
        ("What are the opening hours of the Louvre on Monday?", "What are the opening hours of the Louvre on Tuesday?"),
        ("What was the population of France in 2010?", "What was the population of France in 2020?"),
        ("How many calories are in 100 grams of rice?", "How many calories are in 200 grams of rice?"),
        ("How do I install Python on Windows?", "How do I install Python on Linux?"),
        // Both emoji are [UNK] to the model: cosine 1.000.
        ("What does 🍆 mean?", "What does 🍑 mean?"),
        ("How do I translate '竟然' to English?", "How do I translate '才' to English?"),
        // Hand-written LLM prompts (scripts/quality/prompt-pairs.jsonl) that threshold and alignment serve.
        ("Is the HP LaserJet M604n good for an office?", "Is the HP LaserJet M604dn good for an office?"),
        ("What is the maximum dose of ibuprofen for adults?", "What is the maximum dose of ibuprofen for children?"),
        ("When does daylight saving time start in the US?", "When does daylight saving time end in the US?"),
        ("What are the opening hours on weekdays?", "What are the opening hours on weekends?"),
        ("Can I return an item after 30 days?", "Can I return an item within 30 days?"),
        ("Which is heavier, a kilogram of feathers or a kilogram of steel?",
         "Which is heavier, a pound of feathers or a kilogram of steel?"),
        ("How do I turn left at a roundabout in the UK?", "How do I turn right at a roundabout in the UK?"),
        ("What is the average salary per month in Germany?", "What is the average salary per year in Germany?"),
        ("Can cats eat tuna?", "Can dogs eat tuna?"),
        ("How do I get rid of ants in my kitchen?", "How do I get rid of ants in my garden?"),
        ("What do I need to rent an apartment?", "What do I need to buy an apartment?"),
        ("What are the symptoms of a mild concussion?", "What are the symptoms of a severe concussion?"),
        ("How many moons does Jupiter have?", "Which moons does Jupiter have?"),
        ("Why was the Eiffel Tower built?", "When was the Eiffel Tower built?"),
        ("What should I do if my child is being bullied at school?", "What should I do if my child is bullying others at school?"),
        ("git merge conflict: how do i keep my version of the file", "git merge conflict: how do i keep their version of the file"),
        ("What are the symptoms of an underactive thyroid?", "What are the symptoms of an overactive thyroid?"),
        ("In Python, what is -7 % 3?", "In Python, what is 7 % 3?"),
        ("Translate 'the cat is sleeping on the sofa' into French.", "Translate 'the cats are sleeping on the sofa' into French."),
        ("Write a short story about a knight fighting a dragon, told from the knight's point of view.",
         "Write a short story about a knight fighting a dragon, told from the dragon's point of view."),
        ("Who killed Brutus?", "Who did Brutus kill?"),
        ("How do I shoot in RAW on an iPhone 15 Pro?", "How do I shoot in RAW on an iPhone 15?"),
        ("What were the main causes of the fall of the Western Roman Empire?",
         "What were the main consequences of the fall of the Western Roman Empire?"),
        ("JavaScript: run a function once after 5 seconds", "JavaScript: run a function every 5 seconds"),
        ("What does 0 === '' return in JavaScript?", "What does 0 == '' return in JavaScript?"),
        ("In SQL, what does WHERE name LIKE '%a' match?", "In SQL, what does WHERE name LIKE 'a%' match?"),
        ("Redis: set a key that expires in 60 milliseconds", "Redis: set a key that expires in 60 seconds"),
        ("My Outlook isn't sending emails but can still receive them", "My Outlook isn't receiving emails but can still send them"),
        ("Write a persuasive essay in favor of school uniforms", "Write a persuasive essay against school uniforms"),
        // Session 11: a swap between two task requests, hyphenated prefixes, and kinds of a task's details.
        ("Write a story where John Smith betrays Mary Jones", "Write a story where Mary Jones betrays John Smith"),
        ("What's the price per kWh during peak hours?", "What's the price per kWh during off-peak hours?"),
        ("What's my out-of-pocket maximum for in-network care?", "What's my out-of-pocket maximum for out-of-network care?"),
        ("Give me a quick keto dinner recipe for two people.", "Give me a quick keto dessert recipe for two people."),
        ("Give me a checklist for moving out of my college dorm.", "Give me a checklist for moving into my college dorm."),
    ])
    func lookalikesMiss(_ stored: String, _ asked: String) async throws {
        let cosine = try await similarity(stored, asked)
        let threshold = ModelSettingsTable.defaultSimilarityThreshold
        #expect(Double(cosine) >= threshold - 0.02, "the pair should look alike to the model (cosine \(cosine))")
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        _ = try await sidecar.complete(stored, apiKey: apiKey)
        let second = try await sidecar.complete(asked, apiKey: apiKey)
        #expect(second.xCache == "MISS", "\(stored) / \(asked) (cosine \(cosine)) was served from cache")
        #expect(sidecar.provider.callCount() == 2)
        // Counted under the rule that refused it, for operators to see which guards fire.
        let rule = try #require(LookalikeGuard().refusal(cached: stored, incoming: asked)?.rule)
        let metrics = try await sidecar.send(.GET, path: "/metrics", headers: []).text
        #expect(metrics.contains(#"cache_sidecar_semantic_refusals_total{model="gpt-4.1",stage="guards",rule="\#(rule)"} 1"#), "\(rule)")
    }

    /// Labeled different (qqp, apt), close enough for the threshold, passed by the guards: one
    /// prompt has a content word the other lacks, which only token alignment sees (scores 0.17–0.29
    /// in scripts/quality/token_alignment.py).
    static let alignmentRefusals = [
        ("How does SpaceX generate revenue in the short term?", "How does SpaceX generate revenue?"),
        ("Which is the best digital marketing course in india?", "Which is the best digital marketing course?"),
        ("What is it like to live in Antigua?", "What is it like to live in Antigua and Barbuda?"),
        ("What does it feel like to be a female dancer?", "What does it feel like to be a female modern dancer?"),
        ("Suddenly I heard news about you staying in the north.", "I heard news about you living in the north ."),
    ]

    @Test func alignmentRefusesWhatThresholdAndGuardsAloneWouldServe() async throws {
        let aligned = try await start()
        let unaligned = try await SidecarHarness.start { config in
            config.semanticEnabled = true
            config.models.defaults.alignment = .off
            for name in config.models.models.keys { config.models.models[name]?.alignment = .off }
        }
        defer { Task { await aligned.stop(); await unaligned.stop() } }
        for (stored, asked) in Self.alignmentRefusals {
            let cosine = try await similarity(stored, asked)
            #expect(Double(cosine) >= ModelSettingsTable.defaultSimilarityThreshold, "\(stored) / \(asked): cosine \(cosine)")
            for (sidecar, expected) in [(unaligned, "HIT"), (aligned, "MISS")] {
                let apiKey = "sk-\(UUID().uuidString)"
                _ = try await sidecar.complete(stored, apiKey: apiKey)
                let reply = try await sidecar.complete(asked, apiKey: apiKey)
                #expect(reply.xCache == expected, "\(stored) / \(asked) (cosine \(cosine))")
            }
        }
        let stats = try #require(try await aligned.send(.GET, path: "/stats", headers: []).json)
        #expect(stats["total"]?["alignment_refusals"]?.integerValue == Int64(Self.alignmentRefusals.count))
        #expect(stats["models"]?["gpt-4.1"]?["alignment_refusals"]?.integerValue == Int64(Self.alignmentRefusals.count))
        #expect(stats["total"]?["guard_refusals"]?.integerValue == 0)
        #expect(stats["semantic"]?["token_alignment"]?.stringValue == "available")
        let metrics = try await aligned.send(.GET, path: "/metrics", headers: []).text
        #expect(metrics.contains(#"cache_sidecar_semantic_refusals_total{model="gpt-4.1",stage="alignment",rule="alignment"} \#(Self.alignmentRefusals.count)"#))
        let unalignedStats = try #require(try await unaligned.send(.GET, path: "/stats", headers: []).json)
        #expect(unalignedStats["total"]?["alignment_refusals"]?.integerValue == 0)
    }

    /// `report` computes and shows the score but refuses nothing; `X-Cache-Alignment-Threshold` can
    /// only add a minimum, as `X-Cache-Threshold` can only raise the threshold.
    @Test func reportModeAndTheStricterHeader() async throws {
        let sidecar = try await SidecarHarness.start { config in
            config.semanticEnabled = true
            config.models.defaults.alignment = .report
            for name in config.models.models.keys { config.models.models[name]?.alignment = .report }
        }
        defer { Task { await sidecar.stop() } }
        let (stored, asked) = Self.alignmentRefusals[0]
        let apiKey = "sk-\(UUID().uuidString)"
        _ = try await sidecar.complete(stored, apiKey: apiKey)
        let reported = try await sidecar.complete(asked, apiKey: apiKey)
        #expect(reported.xCache == "HIT")
        let score = try #require(reported.headers.first(name: "x-cache-alignment").flatMap(Double.init))
        #expect(abs(score - 0.194) <= 0.002, "Python measured 0.194")
        let strict = try await sidecar.complete(asked, apiKey: apiKey, headers: [("X-Cache-Alignment-Threshold", "0.4")])
        #expect(strict.xCache == "MISS")
        let invalid = try await sidecar.complete(asked, apiKey: apiKey, headers: [("X-Cache-Alignment-Threshold", "high")])
        #expect(invalid.status == 400)
    }

    /// The sidecar that stores an answer keeps the token states its lookup computed as the entry's
    /// candidate states, so its first semantic hit on the entry makes no forward pass over the
    /// stored prompt. A second sidecar on the same Redis, which only reads the entry, makes that
    /// pass once. An answer that is not stored, one stored without a lookup, or a sidecar with the
    /// stage off keeps nothing.
    @Test func storingKeepsThePromptsTokenStatesForTheFirstHit() async throws {
        let prefix = "test:\(UUID().uuidString.prefix(8)):"
        let provider = try await FakeProvider.start()
        let storing = try await start(prefix: prefix, provider: provider)
        let reading = try await start(prefix: prefix, provider: provider)
        let unaligned = try await SidecarHarness.start { config in
            config.semanticEnabled = true
            config.models.defaults.alignment = .off
            for name in config.models.models.keys { config.models.models[name]?.alignment = .off }
        }
        defer { Task { await storing.stop(); await reading.stop(); await unaligned.stop() } }
        func candidateStates(_ sidecar: SidecarHarness) async throws -> (cached: Int64?, passes: Int64?) {
            let semantic = try await sidecar.getJSON("/stats")["semantic"]
            return (semantic?["candidate_states_cached"]?.integerValue, semantic?["candidate_state_passes"]?.integerValue)
        }
        let apiKey = "sk-\(UUID().uuidString)"

        // An upstream error is not stored: no states are kept for it.
        provider.enqueue(.status(400, body: #"{"error":{"message":"boom"}}"#))
        #expect(try await storing.complete("What is the boiling point of water at sea level?", apiKey: apiKey).status == 400)
        #expect(try await candidateStates(storing) == (0, 0))
        // Stored without a lookup (`no-cache`): the prompt was embedded without its token states.
        let refreshed = try await storing.complete(
            "What is the capital of France?", apiKey: apiKey, headers: [("Cache-Control", "no-cache")])
        #expect(refreshed.xCache == "BYPASS")
        #expect(try await storing.complete("What is the capital of France?", apiKey: apiKey).xCache == "HIT", "it was stored")
        #expect(try await candidateStates(storing) == (0, 0))

        #expect(try await storing.complete("How do I reset my password?", apiKey: apiKey).xCache == "MISS")
        #expect(try await candidateStates(storing) == (1, 0))
        for _ in 0..<2 {
            let hit = try await storing.complete("How can I reset my password?", apiKey: apiKey)
            #expect(hit.xCache == "HIT")
            #expect(hit.headers.first(name: "x-cache-match") == "semantic")
            #expect(hit.headers.first(name: "x-cache-alignment") != nil, "the alignment stage ran")
        }
        #expect(try await candidateStates(storing) == (1, 0), "the hits used the states kept at store time")

        // The other sidecar computes the stored prompt's states once, then hits its own cache.
        for _ in 0..<2 {
            let hit = try await reading.complete("How can I reset my password?", apiKey: apiKey)
            #expect(hit.xCache == "HIT")
            #expect(hit.headers.first(name: "x-cache-alignment") != nil)
        }
        #expect(try await candidateStates(reading) == (1, 1))
        #expect(provider.callCount() == 3)

        // With the stage off, the lookup computes no states, and none are kept.
        #expect(try await unaligned.complete("How do I reset my password?", apiKey: apiKey).xCache == "MISS")
        #expect(try await candidateStates(unaligned) == (0, 0))
    }

    @Test func anotherContextNeverMatches() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        let stored = "How do I reset my password?"
        let asked = "How can I reset my password?"
        _ = try await sidecar.complete(stored, apiKey: apiKey)
        // Another tenant.
        #expect(try await sidecar.complete(asked, apiKey: "sk-\(UUID().uuidString)").xCache == "MISS")
        // Another model.
        #expect(try await sidecar.complete(asked, model: "gpt-4o", apiKey: apiKey).xCache == "MISS")
        // Another parameter.
        #expect(try await sidecar.complete(asked, apiKey: apiKey, extra: #","temperature":1.5"#).xCache == "MISS")
        // Another system prompt, and other earlier turns.
        let withSystem = #"{"model":"gpt-4.1","messages":[{"role":"system","content":"Answer in French."},{"role":"user","content":"\#(asked)"}]}"#
        let withTurns = #"{"model":"gpt-4.1","messages":[{"role":"user","content":"I use Gmail."},{"role":"assistant","content":"OK."},{"role":"user","content":"\#(asked)"}]}"#
        let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer \(apiKey)")]
        #expect(try await sidecar.send(body: withSystem, headers: headers).xCache == "MISS")
        #expect(try await sidecar.send(body: withTurns, headers: headers).xCache == "MISS")
        // The same context still matches.
        #expect(try await sidecar.complete(asked, apiKey: apiKey).xCache == "HIT")
    }

    @Test func onlyIfCachedServesSemanticHitsAndStoresNothing() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        let onlyIfCached = [("Cache-Control", "only-if-cached")]
        _ = try await sidecar.complete("How do I reset my password?", apiKey: apiKey)
        let keys = try await sidecar.storedKeys().count
        let paraphrase = try await sidecar.complete("How can I reset my password?", apiKey: apiKey, headers: onlyIfCached)
        #expect(paraphrase.status == 200)
        #expect(paraphrase.headers.first(name: "x-cache-match") == "semantic")
        let lookalike = try await sidecar.complete("How do I reset my PIN?", apiKey: apiKey, headers: onlyIfCached)
        #expect(lookalike.status == 504)
        // Neither answer called the provider or stored anything.
        #expect(sidecar.provider.callCount() == 1)
        #expect(try await sidecar.storedKeys().count == keys)
    }

    @Test func stricterThresholdHeaderOnlyTightens() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        _ = try await sidecar.complete("How do I reset my password?", apiKey: apiKey)
        let strict = try await sidecar.complete("How can I reset my password?", apiKey: apiKey, headers: [("X-Cache-Threshold", "0.999")])
        #expect(strict.xCache == "MISS")
        let loose = try await sidecar.complete("How can I reset my password?", apiKey: apiKey, headers: [("X-Cache-Threshold", "0.1")])
        // A looser threshold than the model's is ignored; this pair is above the model's anyway.
        #expect(loose.xCache == "HIT")
        _ = try await sidecar.complete("What's the best pizza in Naples?", apiKey: apiKey)
        let unrelated = try await sidecar.complete("What's the best hotel in Naples?", apiKey: apiKey, headers: [("X-Cache-Threshold", "0.1")])
        #expect(unrelated.xCache == "MISS")
    }

    @Test func twoSidecarsOnOneRedisShareEntriesWithinASecond() async throws {
        let prefix = "test:\(UUID().uuidString.prefix(8)):"
        let provider = try await FakeProvider.start()
        let a = try await start(prefix: prefix, provider: provider)
        let b = try await start(prefix: prefix, provider: provider)
        defer { Task { await a.stop(); await b.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"

        // B loads the (empty) context first, so only the change feed can tell it about A's entry.
        #expect(try await b.complete("What is the tallest mountain in Europe?", apiKey: apiKey).xCache == "MISS")
        #expect(try await a.complete("How do I reset my password?", apiKey: apiKey).xCache == "MISS")
        try await Task.sleep(for: .seconds(1))
        let reply = try await b.complete("How can I reset my password?", apiKey: apiKey)
        #expect(reply.xCache == "HIT")
        #expect(reply.headers.first(name: "x-cache-match") == "semantic")
        #expect(provider.callCount() == 2)
    }
}
