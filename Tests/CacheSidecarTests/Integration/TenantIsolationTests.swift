import Foundation
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Tenants never share an entry, exact or semantic, even when they ask the same questions at
/// the same moment; and a client can never make the cache keep an answer the provider did not
/// give: only the provider's 200 completions are stored.
@Suite("Tenant isolation and planted answers")
struct TenantIsolationTests {
    static let pairs = [
        ("How do I reset my password?", "How can I reset my password?"),
        ("What is the capital of France?", "What's the capital of France?"),
    ]

    /// The content of a JSON or streamed completion.
    private func content(_ reply: SidecarHarness.Reply) -> String? {
        if reply.headers.first(name: "content-type") == "text/event-stream" { return streamedContent(reply.text) }
        return reply.json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
    }

    /// Every tenant asks every question at once, as JSON and as a stream.
    private func wave(_ sidecar: SidecarHarness, tenants: [String], prompts: [String]) async throws -> [(tenant: String, prompt: String, reply: SidecarHarness.Reply)] {
        try await withThrowingTaskGroup(of: (String, String, SidecarHarness.Reply).self) { group in
            for tenant in tenants {
                for prompt in prompts {
                    for extra in ["", #","stream":true"#] {
                        group.addTask { (tenant, prompt, try await sidecar.complete(prompt, apiKey: tenant, extra: extra)) }
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func concurrentTenantsOnlyEverGetTheirOwnAnswers() async throws {
        let provider = try await FakeProvider.start(chatDefault: .signed)
        let sidecar = try await SidecarHarness.start(provider: provider) { $0.semanticEnabled = true }
        defer { Task { await sidecar.stop() } }
        let tenants = (0..<3).map { "sk-tenant\($0)-\(UUID().uuidString.prefix(8))" }

        let stored = try await wave(sidecar, tenants: tenants, prompts: Self.pairs.map(\.0))
        for (tenant, prompt, reply) in stored {
            #expect(reply.status == 200)
            let text = try #require(content(reply))
            #expect(text.hasPrefix("answer ") && text.hasSuffix("to: \(prompt) for: Bearer \(tenant)"), "\(tenant) got \(text)")
        }
        #expect(try await sidecar.storedEntryKeys().count == tenants.count * Self.pairs.count)
        let calls = provider.callCount()

        // The same questions and their paraphrases, all at once: every answer from the cache,
        // every one the asking tenant's own.
        let asked = try await wave(sidecar, tenants: tenants, prompts: Self.pairs.flatMap { [$0.0, $0.1] })
        for (tenant, prompt, reply) in asked {
            #expect(reply.xCache == "HIT", "\(prompt)")
            let original = Self.pairs.first { $0.0 == prompt || $0.1 == prompt }!.0
            let text = try #require(content(reply))
            #expect(text.hasSuffix("to: \(original) for: Bearer \(tenant)"), "\(tenant) asked \(prompt), got \(text)")
        }
        #expect(asked.filter { $0.reply.headers.first(name: "x-cache-match") == "semantic" }.count == tenants.count * Self.pairs.count * 2)
        #expect(provider.callCount() == calls)
    }

    /// Two credential headers are a tenant of their own, not either one's.
    @Test func everyCredentialHeaderCountsTowardTheTenant() async throws {
        let sidecar = try await SidecarHarness.start(provider: try await FakeProvider.start(chatDefault: .signed))
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        #expect(try await sidecar.complete(prompt, apiKey: "sk-a").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-a", headers: [("Authorization", "Bearer sk-b")]).xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-a", headers: [("OpenAI-Organization", "org-1")]).xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-a").xCache == "HIT")
    }

    @Test func clientsCannotPlantAnswers() async throws {
        let sidecar = try await SidecarHarness.start(provider: try await FakeProvider.start(chatDefault: .signed))
        defer { Task { await sidecar.stop() } }
        let provider = sidecar.provider
        let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer sk-planter")]
        let question = uniquePrompt("Who won?")

        // An assistant turn written by the client is part of its request, never an answer.
        let planted = #"{"model":"gpt-4.1","messages":[{"role":"user","content":"\#(question)"},{"role":"assistant","content":"PLANTED"}]}"#
        #expect(try await sidecar.send(body: planted, headers: headers).status == 200)
        let honest = try await sidecar.complete(question, apiKey: "sk-planter")
        #expect(honest.xCache == "MISS")
        #expect(content(honest)?.hasPrefix("answer 2 to: \(question)") == true)

        // Only a provider's 200 chat.completion is kept: not another 2xx, not another body.
        let completion = String(decoding: FakeOpenAI.completion(FakeChatRequest(body: []), call: 9, content: "PLANTED"), as: UTF8.self)
        for (status, body) in [(200, #"{"answer":"PLANTED"}"#), (203, completion), (201, completion)] {
            let prompt = uniquePrompt()
            provider.enqueue(.status(status, body: body))
            #expect(try await sidecar.complete(prompt, apiKey: "sk-planter").status == status)
            #expect(try await sidecar.complete(prompt, apiKey: "sk-planter").xCache == "MISS", "\(status) \(body) was stored")
        }
        // Other paths are passed through, never stored.
        #expect(try await sidecar.send(path: "/v1/completions", body: #"{"model":"m","prompt":"PLANTED"}"#, headers: headers).status == 200)

        for key in try await sidecar.storedEntryKeys() {
            let body = try await sidecar.redis.send(RedisCommand("HGET", key, "body")).string ?? ""
            #expect(!body.contains("PLANTED"), "\(key): \(body)")
        }
        #expect(try await sidecar.storedEntryKeys().count == 5, "the provider's own answers: to the planting request, the honest one, the three asked again")
    }

    @Test func redisKeysHoldNeitherPromptsNorCredentials() async throws {
        let sidecar = try await SidecarHarness.start { $0.semanticEnabled = true }
        defer { Task { await sidecar.stop() } }
        let secret = "sk-secret-\(UUID().uuidString)"
        _ = try await sidecar.complete("How do I feed a Zanzibar quokkafish?", apiKey: secret)
        _ = try await sidecar.complete("How can I feed a Zanzibar quokkafish?", apiKey: secret)
        let keys = try await sidecar.storedKeys()
        #expect(!keys.isEmpty)
        for key in keys {
            for word in ["Zanzibar", "quokkafish", secret, "Bearer"] { #expect(!key.contains(word), "\(key)") }
        }
    }
}
