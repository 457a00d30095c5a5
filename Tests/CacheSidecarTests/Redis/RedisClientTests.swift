import Testing

@testable import CacheSidecar

/// Commands against a real redis-server shared by the test process (or `TEST_REDIS_URL`).
@Suite("RedisClient commands")
struct RedisClientTests {
    let client: RedisClient

    init() throws {
        client = try RedisTest.client(url: try RedisServerProcess.sharedURL())
    }

    @Test func setAndGetAreBinarySafe() async throws {
        let key = RedisTest.uniqueKey()
        let bytes: [UInt8] = [0x00, 0xFF, 0x0D, 0x0A, 0x00] + Array(0...255)
        #expect(try await client.run("SET", key, bytes) == .status("OK"))
        #expect(try await client.run("GET", key) == .bulk(bytes))
        #expect(try await client.run("GET", RedisTest.uniqueKey()) == .null)
        #expect(try await client.run("SET", key, [UInt8]()) == .status("OK"))
        #expect(try await client.run("GET", key) == .bulk([]))
        try await client.run("DEL", key)
    }

    @Test func roundTripsOneMebibyte() async throws {
        let key = RedisTest.uniqueKey()
        // Every byte value, in an order that changes along the buffer (cheap: no RNG per byte).
        let value = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        #expect(try await client.run("SET", key, value) == .status("OK"))
        #expect(try await client.run("GET", key) == .bulk(value))
        #expect(try await client.run("STRLEN", key) == .integer(1 << 20))
        try await client.run("DEL", key)
    }

    @Test func hashSetAndGetAll() async throws {
        let key = RedisTest.uniqueKey()
        let body: [UInt8] = [0x7B, 0x00, 0xFF, 0x7D]
        #expect(try await client.run("HSET", key, "body", body, "status", 200) == .integer(2))
        let reply = try await client.run("HGETALL", key)
        let fields = try #require(reply.array)
        #expect(fields.count == 4)
        var hash: [String: [UInt8]] = [:]
        for pair in stride(from: 0, to: fields.count, by: 2) {
            hash[try #require(fields[pair].string)] = fields[pair + 1].bytes
        }
        #expect(hash == ["body": body, "status": Array("200".utf8)])
        try await client.run("DEL", key)
    }

    @Test func expiryInMilliseconds() async throws {
        let key = RedisTest.uniqueKey()
        try await client.run("SET", key, "v")
        #expect(try await client.run("PTTL", key) == .integer(-1))
        let clock = ContinuousClock()
        let set = clock.now
        #expect(try await client.run("PEXPIRE", key, 60_000) == .integer(1))
        let ttl = try #require(try await client.run("PTTL", key).integer)
        // What passed between the two commands (seconds on a loaded machine), plus a millisecond of rounding.
        let elapsedMilliseconds = Int64(((clock.now - set) / .milliseconds(1)).rounded(.up)) + 1
        #expect((60_000 - elapsedMilliseconds...60_000).contains(ttl), "PTTL \(ttl) ms, \(elapsedMilliseconds) ms after PEXPIRE")
        #expect(try await client.run("PTTL", RedisTest.uniqueKey()) == .integer(-2))
        try await client.run("DEL", key)
    }

    @Test func pipelineReturnsRepliesInOrder() async throws {
        let key = RedisTest.uniqueKey()
        let commands = (0..<100).map { _ in RedisCommand("INCR", key) }
        let replies = try await client.pipeline(commands)
        #expect(replies == (1...100).map { .integer($0) })

        let mixed = try await client.pipeline([
            RedisCommand("SET", key, "x"), RedisCommand("GET", key), RedisCommand("INCR", key), RedisCommand("DEL", key),
        ])
        #expect(mixed.count == 4)
        #expect(mixed[0] == .status("OK"))
        #expect(mixed[1] == .bulk(Array("x".utf8)))
        #expect(mixed[2].errorMessage?.contains("not an integer") == true)
        #expect(mixed[3] == .integer(1))
        #expect(try await client.pipeline([]) == [])
    }

    @Test func errorRepliesAreReturnedNotThrown() async throws {
        let key = RedisTest.uniqueKey()
        try await client.run("SET", key, "not a number")
        let reply = try await client.run("INCR", key)
        #expect(reply.errorMessage?.hasPrefix("ERR") == true)
        let unknown = try await client.run("NO-SUCH-COMMAND")
        #expect(unknown.errorMessage?.contains("unknown command") == true)
        // The connection is still fine afterwards.
        #expect(try await client.run("GET", key) == .bulk(Array("not a number".utf8)))
        try await client.run("DEL", key)
    }

    @Test func twoHundredConcurrentCallsEachGetTheirOwnReply() async throws {
        let prefix = RedisTest.uniqueKey()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let key = "\(prefix):\(index)"
                    let value = "value-\(index)"
                    #expect(try await client.run("SET", key, value) == .status("OK"))
                    #expect(try await client.run("GET", key) == .bulk(Array(value.utf8)))
                    #expect(try await client.run("ECHO", index) == .bulk(Array("\(index)".utf8)))
                    try await client.run("DEL", key)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func readiness() async throws {
        #expect(await client.ping())
        #expect(client.isConnected)
        client.shutdown()
        client.shutdown()
        #expect(await !client.ping())
        await #expect(throws: RedisClientError.shutdown) { try await client.run("PING") }
    }
}
