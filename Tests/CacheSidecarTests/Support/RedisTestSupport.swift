import Foundation
import Logging
import Testing

@testable import CacheSidecar

/// Helpers shared by the Redis tests.
enum RedisTest {
    /// A key no other test (or test run against a shared Redis) uses.
    static func uniqueKey(_ name: String = #function) -> String {
        "test:\(name.prefix { $0 != "(" }):\(UUID().uuidString)"
    }

    /// A client for `url` with timeouts generous enough for a loaded CI machine, unless a test overrides them.
    static func client(
        url: String,
        poolSize: Int = 4,
        commandTimeout: Duration = .seconds(5),
        logger: Logger = Logger(label: "test.redis")
    ) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: url)
        configuration.poolSize = poolSize
        configuration.commandTimeout = commandTimeout
        return RedisClient(configuration: configuration, logger: logger)
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    static func eventually(
        within timeout: Duration,
        every interval: Duration = .milliseconds(50),
        _ condition: () async -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: interval)
        }
        return await condition()
    }

    /// How long `body` took, and what it threw (if anything).
    static func timed<T>(_ body: () async throws -> T) async -> (elapsed: Duration, result: Result<T, any Error>) {
        let start = ContinuousClock.now
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        return (ContinuousClock.now - start, result)
    }
}

extension RedisClient {
    /// Sends a command built from its arguments: `try await client.run("SET", key, value)`.
    @discardableResult
    func run(_ name: String, _ arguments: any RedisArgument...) async throws -> RedisReply {
        try await send(RedisCommand(name, arguments: arguments))
    }
}
