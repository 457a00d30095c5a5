import Testing

@testable import CacheSidecar

@Suite("RedisConfiguration")
struct RedisConfigurationTests {
    @Test func parsesPasswordPortAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://:s3cret@cache.internal:6380/2")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6380)
        #expect(configuration.username == nil)
        #expect(configuration.password == "s3cret")
        #expect(configuration.database == 2)
    }

    @Test func parsesUserAndPercentEncodedPassword() throws {
        let configuration = try RedisConfiguration(url: "redis://alice:p%40ss%3Aword@10.0.0.7")
        #expect(configuration.username == "alice")
        #expect(configuration.password == "p@ss:word")
        #expect(configuration.host == "10.0.0.7")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
    }

    @Test func appliesDefaults() throws {
        let configuration = try RedisConfiguration(url: "redis://localhost/")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
        #expect(configuration.password == nil)
        #expect(configuration.commandTimeout == .milliseconds(250))
        #expect(configuration.poolSize == 4)
        #expect(configuration.reconnectBackoff.initialDelay == .milliseconds(50))
        #expect(configuration.reconnectBackoff.maximumDelay == .seconds(2))
    }

    @Test func parsesBracketedIPv6Host() throws {
        let configuration = try RedisConfiguration(url: "redis://[::1]:6390/1")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 6390)
        #expect(configuration.database == 1)
    }

    static let badURLs: [(url: String, error: RedisConfigurationError, message: String)] = [
            ("rediss://:pw@host:6379", .tlsNotSupported, "TLS not supported"),
            ("http://host:6379", .unsupportedScheme("http"), "unsupported scheme 'http'"),
            ("localhost:6379", .missingScheme, "missing scheme"),
            ("redis://:6379", .missingHost, "missing host"),
            ("redis://", .missingHost, "missing host"),
            ("redis://host:0", .invalidPort("0"), "invalid port '0'"),
            ("redis://host:70000", .invalidPort("70000"), "invalid port"),
            ("redis://host:http", .invalidPort("http"), "invalid port 'http'"),
            ("redis://host:6379/cache", .invalidDatabase("cache"), "invalid database 'cache'"),
            ("redis://host:6379/-1", .invalidDatabase("-1"), "invalid database"),
            ("redis://host?db=1", .unsupportedQueryOrFragment, "query parameters"),
        ]

    @Test("rejects bad URLs with a message naming the problem", arguments: badURLs)
    func rejects(url: String, expected: RedisConfigurationError, message: String) {
        #expect(throws: expected) { try RedisConfiguration(url: url) }
        #expect(expected.description.contains(message))
    }

    @Test func credentialErrorsNeverEchoThePassword() {
        for url in ["redis://hunter2@host", "redis://:hunter2%zz@host", "redis://:@host"] {
            do {
                _ = try RedisConfiguration(url: url)
                Issue.record("\(url) should be rejected")
            } catch {
                #expect(error.description.contains("credentials"))
                #expect(!error.description.contains("hunter2"))
            }
        }
    }

    @Test func descriptionRedactsThePassword() throws {
        let configuration = try RedisConfiguration(url: "redis://alice:hunter2@cache:6380/3")
        let printed = [
            "\(configuration)",
            String(reflecting: configuration),
            { var dumped = ""; dump(configuration, to: &dumped); return dumped }(),
        ]
        for text in printed {
            #expect(!text.contains("hunter2"), "password leaked into: \(text)")
        }
        #expect(configuration.description.hasPrefix("redis://alice:***@cache:6380/3"))
        #expect(RedisConfiguration(host: "cache").description.hasPrefix("redis://cache:6379/0"))
    }

    @Test func backoffDoublesUpToTheMaximumWithJitter() {
        let backoff = RedisBackoff(initialDelay: .milliseconds(50), maximumDelay: .seconds(2), jitter: 0.5)
        let nominal = (0..<9).map { backoff.nominalDelay(attempt: $0) }
        #expect(nominal == [50, 100, 200, 400, 800, 1600, 2000, 2000, 2000].map { .milliseconds($0) })
        #expect(backoff.nominalDelay(attempt: 10_000) == .seconds(2))
        for attempt in 0..<8 {
            let delay = backoff.delay(attempt: attempt)
            #expect(delay >= backoff.nominalDelay(attempt: attempt) / 2)
            #expect(delay <= backoff.nominalDelay(attempt: attempt))
        }
    }
}

@Suite("RedisCommand")
struct RedisCommandTests {
    @Test func encodesArgumentsAsBytes() {
        let command = RedisCommand("HSET", "key", "body", [0x00, 0xFF] as [UInt8], 42, Int64(-7))
        #expect(command.arguments == [Array("HSET".utf8), Array("key".utf8), Array("body".utf8), [0x00, 0xFF], Array("42".utf8), Array("-7".utf8)])
        #expect(command.name == "HSET")
        #expect(command.description == "HSET (5 arguments)")
    }
}
