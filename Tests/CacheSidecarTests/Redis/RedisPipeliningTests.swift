import Testing

@testable import CacheSidecar

/// Many calls in flight on one connection: replies must go to the call that asked, in order, even when a
/// call times out with its reply still to come.
@Suite("RedisClient pipelining")
struct RedisPipeliningTests {
    @Test func thousandPipelinedCommandsOnOneConnectionComeBackInOrder() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 1)
        defer { client.shutdown() }
        let key = RedisTest.uniqueKey()
        let replies = try await client.pipeline((0..<1000).map { _ in RedisCommand("INCR", key) })
        #expect(replies == (1...1000).map { .integer($0) })
        try await client.run("DEL", key)
    }

    @Test func thousandConcurrentCallsOnOneConnectionEachGetTheirOwnReply() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 1)
        defer { client.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1000 {
                group.addTask {
                    let reply = try await client.run("ECHO", "call-\(index)")
                    #expect(reply == .bulk(Array("call-\(index)".utf8)))
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func repliesNeverCrossBetweenConcurrentCallersUnderLoad() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 2)
        defer { client.shutdown() }
        // Callers send pipelines of different lengths and sizes at once; each checks every reply it got.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<64 {
                group.addTask {
                    for round in 0..<20 {
                        let values = (0..<(1 + (caller + round) % 7)).map { index in
                            Array("\(caller)/\(round)/\(index)/".utf8) + [UInt8](repeating: UInt8(caller), count: (caller * 37 + round) % 3000)
                        }
                        let replies = try await client.pipeline(values.map { RedisCommand("ECHO", $0) })
                        #expect(replies == values.map { .bulk($0) }, "caller \(caller), round \(round)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func aTimedOutCommandDropsTheConnectionSoItsLateReplyGoesToNobody() async throws {
        let client = try RedisTest.client(url: try RedisServerProcess.sharedURL(), poolSize: 1, commandTimeout: .milliseconds(300))
        defer { client.shutdown() }
        #expect(await client.ping())
        let list = RedisTest.uniqueKey()

        // BLPOP holds the connection for 2 s and then answers nil; an ECHO queued behind it on the same
        // connection must not receive that nil, nor anything else meant for another command. (No time
        // limit is checked here: this suite runs in parallel with the others; RedisClientFailure checks them.)
        let start = ContinuousClock.now
        async let blocked = RedisTest.timed { try await client.run("BLPOP", list, 2) }
        try await Task.sleep(for: .milliseconds(50))
        async let queued = RedisTest.timed { try await client.run("ECHO", "queued") }
        let (_, blockedResult) = await blocked
        let (_, queuedResult) = await queued
        guard case .failure(RedisClientError.timeout) = blockedResult else {
            Issue.record("expected .timeout, got \(blockedResult)")
            return
        }
        // Failed with the connection it was queued on, or (if sent late) refused or answered correctly.
        switch queuedResult {
        case .success(let reply):
            #expect(reply == .bulk(Array("queued".utf8)))
        case .failure(let error as RedisClientError):
            switch error {
            case .connectionLost, .unavailable: break
            default: Issue.record("unexpected error \(error)")
            }
        case .failure(let error):
            Issue.record("unexpected error \(error)")
        }

        // Reconnected; past the time BLPOP would have answered, every reply still matches its command.
        #expect(await RedisTest.eventually(within: .seconds(2)) { await client.ping() })
        try await Task.sleep(until: start + .milliseconds(2200))
        for index in 0..<20 {
            #expect(try await client.run("ECHO", index) == .bulk(Array("\(index)".utf8)))
        }
    }
}
