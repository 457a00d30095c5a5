import Foundation
import Testing
@testable import CacheSidecar

@Suite("Configuration")
struct ConfigurationTests {
    @Test func defaultsServeOnLoopback8080() throws {
        let config = try ConfigurationLoader.load(environment: [:])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.cacheScope == .perCredential)
        #expect(config.maxBodyBytes == 8 * 1024 * 1024)
        #expect(config.shutdownGrace == .seconds(25))
    }

    @Test func shutdownGraceFromEnvironmentOrFlag() throws {
        #expect(try ConfigurationLoader.load(environment: ["SHUTDOWN_GRACE": "2m"]).shutdownGrace == .seconds(120))
        #expect(try ConfigurationLoader.load(environment: ["SHUTDOWN_GRACE": "2m"], flags: [.shutdownGrace: "5"]).shutdownGrace == .seconds(5))
    }

    @Test func flagsWinOverEnvironment() throws {
        let config = try ConfigurationLoader.load(
            environment: ["SIDECAR_PORT": "9000", "UPSTREAM_URL": "http://127.0.0.1:7000/"], flags: [.port: "9100"])
        #expect(config.port == 9100)
        #expect(config.upstreamURL == "http://127.0.0.1:7000")
    }

    @Test(arguments: [
        ("SIDECAR_PORT", "eighty"), ("SIDECAR_PORT", "70000"), ("UPSTREAM_URL", "ftp://x"),
        ("UPSTREAM_URL", "https://api.openai.com/v1"), ("REDIS_URL", "http://localhost"), ("CACHE_SCOPE", "global"),
        ("MAX_BODY_BYTES", "0"), ("SEMANTIC", "maybe"), ("UPSTREAM_RETRIES", "-1"), ("UPSTREAM_RETRIES", "many"),
        ("UPSTREAM_FALLBACK_URLS", "https://a.example.com,ftp://b"), ("SHUTDOWN_GRACE", "soon"), ("SHUTDOWN_GRACE", "-1s"),
    ])
    func invalidSettingsNameTheSetting(_ name: String, _ value: String) {
        do {
            _ = try ConfigurationLoader.load(environment: [name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.setting == name)
            #expect(error.description.contains(name))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func upstreamRetriesAndFallbacksFromEnvironmentFlagsAndYAML() throws {
        #expect(try ConfigurationLoader.load(environment: [:]).upstreamRetries == 3)
        let config = try ConfigurationLoader.load(
            environment: ["UPSTREAM_RETRIES": "5", "UPSTREAM_FALLBACK_URLS": "https://a.example.com/, http://127.0.0.1:9000"],
            flags: [.upstreamRetries: "1"])
        #expect(config.upstreamRetries == 1)
        #expect(config.upstreamFallbackURLs == ["https://a.example.com", "http://127.0.0.1:9000"])
        #expect(ConfigurationLoader.flagName(.upstreamFallbackURLs) == "upstream-fallback-urls")

        var yaml = SidecarConfiguration()
        try YAMLConfiguration.apply(yaml: """
            upstream_retries: 0
            upstream_fallback_urls: [https://b.example.com]
            circuit_breaker: { failures: 2, cooldown: 30s }
            """, source: "test.yaml", to: &yaml)
        #expect(yaml.upstreamRetries == 0)
        #expect(yaml.upstreamFallbackURLs == ["https://b.example.com"])
        #expect(yaml.circuitBreakerFailures == 2)
        #expect(yaml.circuitBreakerCooldown == .seconds(30))
        #expect(throws: ConfigurationError.self) {
            try YAMLConfiguration.apply(yaml: "circuit_breaker: { failures: 0 }\n", source: "f.yaml", to: &yaml)
        }
    }

    @Test func builtInTTLsFollowTheModel() {
        let table = ModelSettingsTable.builtIn
        #expect(table.settings(for: "gpt-4.1").ttl == .seconds(7200))
        #expect(table.settings(for: "gpt-4.1-2025-04-14").ttl == .seconds(7200))
        #expect(table.settings(for: "claude-sonnet-4.5").ttl == .seconds(7200))
        #expect(table.settings(for: "gemini-2.5-flash").ttl == .seconds(1800))
        #expect(table.settings(for: "deepseek-v3.2").ttl == .seconds(3600))
        #expect(table.settings(for: "some-other-model").ttl == .seconds(3600))
        #expect(table.settings(for: "gpt-4.1-mini").ttl == .seconds(3600))
    }

    @Test func yamlOverridesPerModelSettings() throws {
        var config = SidecarConfiguration()
        try YAMLConfiguration.apply(yaml: """
            max_body_bytes: 1024
            defaults:
              ttl: 10m
              similarity_threshold: 0.95
            models:
              gpt-4.1:
                ttl: 90s
                price: { input: 1.5, output: 6 }
              my-model:
                semantic: false
            """, source: "test.yaml", to: &config)
        #expect(config.maxBodyBytes == 1024)
        #expect(config.models.settings(for: "unknown").ttl == .seconds(600))
        #expect(config.models.settings(for: "gpt-4.1").ttl == .seconds(90))
        #expect(config.models.settings(for: "gpt-4.1").similarityThreshold == 0.95)
        #expect(config.models.settings(for: "gpt-4.1").price == ModelPrice(inputPerMillion: 1.5, outputPerMillion: 6))
        #expect(config.models.settings(for: "my-model").semanticEnabled == false)
        #expect(config.models.settings(for: "gemini-2.5-flash").ttl == .seconds(1800))
    }

    @Test func badYAMLNamesTheSetting() {
        var config = SidecarConfiguration()
        #expect(throws: ConfigurationError(setting: "f.yaml: models.x.ttl", problem: "'soon' is not a duration (seconds, or e.g. 90s, 30m, 2h, 1d)")) {
            try YAMLConfiguration.apply(yaml: "models:\n  x:\n    ttl: soon\n", source: "f.yaml", to: &config)
        }
        #expect(throws: ConfigurationError.self) {
            try YAMLConfiguration.apply(yaml: "colour: blue\n", source: "f.yaml", to: &config)
        }
        #expect(throws: ConfigurationError.self) {
            try YAMLConfiguration.apply(yaml: "defaults:\n  similarity_threshold: 2\n", source: "f.yaml", to: &config)
        }
    }

    @Test func guardsSwitchIsAnEvaluationKnob() throws {
        #expect(try ConfigurationLoader.load(environment: [:]).semanticGuardsEnabled == true)
        #expect(try ConfigurationLoader.load(environment: ["SEMANTIC_GUARDS": "off"]).semanticGuardsEnabled == false)
        #expect(try ConfigurationLoader.load(environment: ["SEMANTIC_GUARDS": "off"], flags: [.semanticGuards: "on"]).semanticGuardsEnabled == true)
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(environment: ["SEMANTIC_GUARDS": "maybe"]) }
        var config = SidecarConfiguration()
        try YAMLConfiguration.apply(yaml: "semantic_guards: false\n", source: "f.yaml", to: &config)
        #expect(config.semanticGuardsEnabled == false)
    }

    @Test func alignmentThresholdPerModelFromYAMLAndForEveryModelFromTheEnvironment() throws {
        let builtIn = try ConfigurationLoader.load(environment: [:])
        #expect(builtIn.models.settings(for: "unknown").alignment == ModelSettingsTable.defaultAlignment)
        #expect(builtIn.models.settings(for: "gpt-4.1").alignment == ModelSettingsTable.defaultAlignment)
        var config = SidecarConfiguration()
        try YAMLConfiguration.apply(yaml: """
            defaults:
              alignment_threshold: 0.5
            models:
              gpt-4.1:
                alignment_threshold: off
              gpt-4o:
                alignment_threshold: report
              my-model:
                alignment_threshold: 0
            """, source: "f.yaml", to: &config)
        #expect(config.models.settings(for: "unknown").alignment == .minimum(0.5))
        #expect(config.models.settings(for: "gpt-4o-mini").alignment == .minimum(0.5))
        #expect(config.models.settings(for: "gpt-4.1").alignment == .off)
        #expect(config.models.settings(for: "gpt-4o").alignment == .report)
        #expect(config.models.settings(for: "my-model").alignment == .off)
        #expect(throws: ConfigurationError.self) {
            try YAMLConfiguration.apply(yaml: "defaults:\n  alignment_threshold: 1.5\n", source: "f.yaml", to: &config)
        }
        let environment = try ConfigurationLoader.load(environment: ["SEMANTIC_ALIGNMENT": "report"])
        #expect(environment.models.settings(for: "unknown").alignment == .report)
        #expect(environment.models.settings(for: "gpt-4.1").alignment == .report)
        #expect(try ConfigurationLoader.load(environment: ["SEMANTIC_ALIGNMENT": "off"]).models.defaults.alignment == .off)
        #expect(try ConfigurationLoader.load(environment: [:], flags: [.semanticAlignment: "0.6"]).models.defaults.alignment == .minimum(0.6))
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(environment: ["SEMANTIC_ALIGNMENT": "strict"]) }
    }

    @Test func alignmentHeaderOnlyTightens() {
        #expect(AlignmentRule.minimum(0.4).tightened(by: 0.6) == .minimum(0.6))
        #expect(AlignmentRule.minimum(0.4).tightened(by: 0.1) == .minimum(0.4))
        #expect(AlignmentRule.off.tightened(by: 0.3) == .minimum(0.3))
        #expect(AlignmentRule.report.tightened(by: 0.3) == .minimum(0.3))
        #expect(AlignmentRule.off.tightened(by: 0) == .off)
        #expect(AlignmentRule.minimum(0.4).tightened(by: nil) == .minimum(0.4))
    }

    @Test func missingConfigFileIsAnError() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(environment: ["SIDECAR_CONFIG": "/nonexistent/sidecar.yaml"])
        }
    }
}
