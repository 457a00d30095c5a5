import Foundation
import Logging
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// What reaches the logs: never a prompt or a credential, at any level, unless `LOG_PROMPTS=on`
/// asks for prompts (and then only at debug level).
@Suite("Logs hold no prompts or credentials")
struct LoggingTests {
    static let apiKey = "sk-live-\(UUID().uuidString)"
    static let adminToken = "admin-\(UUID().uuidString)"
    /// Distinctive words, so that finding them in a log line can only mean the prompt leaked.
    static let prompt = "How do I feed a Zanzibar quokkafish?"
    static let paraphrase = "How can I feed a Zanzibar quokkafish?"

    private func start(logPrompts: Bool) async throws -> (SidecarHarness, CapturingLogHandler.Store) {
        let (logger, logs) = CapturingLogHandler.logger(label: "sidecar-test")
        var traced = logger
        traced.logLevel = .trace
        let sidecar = try await SidecarHarness.start(logger: traced) { config in
            config.semanticEnabled = true
            config.logPrompts = logPrompts
            config.adminToken = Self.adminToken
        }
        return (sidecar, logs)
    }

    /// Every kind of request: miss, exact and semantic hit, a look-alike refused, an upstream
    /// error, a bad body, a pass-through with a key in its query, and admin calls.
    private func exercise(_ sidecar: SidecarHarness) async throws {
        let auth = [("Content-Type", "application/json"), ("Authorization", "Bearer \(Self.apiKey)")]
        #expect(try await sidecar.complete(Self.prompt, apiKey: Self.apiKey).xCache == "MISS")
        #expect(try await sidecar.complete(Self.prompt, apiKey: Self.apiKey).xCache == "HIT")
        #expect(try await sidecar.complete(Self.paraphrase, apiKey: Self.apiKey).xCache == "HIT")
        _ = try await sidecar.complete("How do I not feed a Zanzibar quokkafish?", apiKey: Self.apiKey)
        // A 400 is passed through at once (a 5xx would be retried).
        sidecar.provider.enqueue(.status(400, body: #"{"error":{"message":"boom"}}"#))
        #expect(try await sidecar.complete("Zanzibar quokkafish diet", apiKey: Self.apiKey).status == 400)
        #expect(try await sidecar.send(body: #"{"model":"gpt-4.1","messages":"Zanzibar quokkafish"#, headers: auth).status == 400)
        #expect(try await sidecar.send(.GET, path: "/v1/models?key=\(Self.apiKey)", headers: auth).status == 200)
        let admin = [("Content-Type", "application/json"), ("Authorization", "Bearer \(Self.adminToken)")]
        #expect(try await sidecar.send(path: "/admin/invalidate", body: #"{"api_key":"\#(Self.apiKey)"}"#, headers: admin).status == 200)
        #expect(try await sidecar.send(path: "/admin/invalidate", body: "{}", headers: [("Authorization", "Bearer \(Self.apiKey)")]).status == 401)
    }

    @Test func neitherPromptsNorCredentialsByDefault() async throws {
        let (sidecar, logs) = try await start(logPrompts: false)
        defer { Task { await sidecar.stop() } }
        try await exercise(sidecar)
        #expect(logs.count(containing: "completion") >= 6, "the per-request lines were captured")
        #expect(logs.count(containing: "upstream request") >= 3, "debug lines were captured")
        #expect(logs.count(containing: "path=/v1/models") == 1)
        for secret in [Self.apiKey, Self.adminToken, "Zanzibar", "quokkafish"] {
            #expect(logs.count(containing: secret) == 0, "\(secret) was logged: \(logs.messages.filter { $0.contains(secret) })")
        }
    }

    @Test func promptsOnlyWhenAskedAndNeverCredentials() async throws {
        let (sidecar, logs) = try await start(logPrompts: true)
        defer { Task { await sidecar.stop() } }
        try await exercise(sidecar)
        #expect(logs.count(containing: "prompt=\(Self.prompt)") == 2)
        #expect(logs.count(containing: "prompt=\(Self.paraphrase)") == 1)
        for secret in [Self.apiKey, Self.adminToken] {
            #expect(logs.count(containing: secret) == 0, "\(secret) was logged")
        }
    }
}
