import Testing

@testable import CacheSidecar

/// Long blocking reads on a dedicated connection, outside the pool.
@Suite("RedisClient dedicated connections")
struct RedisDedicatedConnectionTests {
    @Test func blockingReadDoesNotOccupyThePool() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 1)
        defer { client.shutdown() }
        let stream = RedisTest.uniqueKey()

        let reader = Task {
            try await client.withDedicatedConnection { connection in
                try connection.send(RedisCommand("XREAD", "BLOCK", 5000, "STREAMS", stream, 0), timeout: .seconds(10))
            }
        }
        // The single pooled connection stays free while the reader blocks.
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await client.run("XADD", stream, "*", "field", "value").string != nil)

        let reply = try await reader.value
        let streams = try #require(reply.array)
        #expect(streams.first?.array?.first?.string == stream)
        try await client.run("DEL", stream)
    }

    @Test func shutdownInterruptsABlockedRead() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 1)
        let stream = RedisTest.uniqueKey()
        let reader = Task {
            try await client.withDedicatedConnection { connection in
                try connection.send(RedisCommand("XREAD", "BLOCK", 0, "STREAMS", stream, "$"), timeout: nil)
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        client.shutdown()
        let (elapsed, result) = await RedisTest.timed { try await reader.value }
        #expect(elapsed < .seconds(1))
        guard case .failure(RedisClientError.shutdown) = result else {
            Issue.record("expected .shutdown, got \(result)")
            return
        }
        await #expect(throws: RedisClientError.shutdown) {
            try await client.withDedicatedConnection { _ in 1 }
        }
    }

    @Test func cancellationInterruptsABlockedRead() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 1)
        defer { client.shutdown() }
        let stream = RedisTest.uniqueKey()
        let reader = Task {
            try await client.withDedicatedConnection { connection in
                try connection.send(RedisCommand("XREAD", "BLOCK", 0, "STREAMS", stream, "$"), timeout: nil)
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        reader.cancel()
        let (elapsed, result) = await RedisTest.timed { try await reader.value }
        #expect(elapsed < .seconds(1))
        guard case .failure(RedisClientError.cancelled) = result else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
        #expect(await client.ping())
    }
}
