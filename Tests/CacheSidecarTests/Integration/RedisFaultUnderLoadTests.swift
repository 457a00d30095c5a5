import NIOHTTP1
import Synchronization
import Testing

@testable import CacheSidecar

/// Redis killed while 32 clients keep sending hits, misses and streams: every request is still
/// answered in full (bypassing the cache while Redis is gone), and caching comes back by itself
/// once Redis does.
@Suite("Redis killed under load")
struct RedisFaultUnderLoadTests {

    @Test func everyRequestIsAnsweredAndCachingResumes() async throws {
        let sidecar = try await SidecarHarness.start(privateRedis: true)
        // Stopped before returning, not in a deferred task: this suite runs alone, and the test
        // process could exit before such a task ran, leaving its Redis behind.
        do {
            try await run(against: sidecar)
        } catch {
            await sidecar.stop()
            throw error
        }
        await sidecar.stop()
    }

    private func run(against sidecar: SidecarHarness) async throws {
        let redis = try #require(sidecar.privateRedis)
        let repeated = uniquePrompt("Which prompt is asked again and again?")
        _ = try await sidecar.complete(repeated)

        let record = LoadRecord()
        let clients = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<32 {
                    group.addTask {
                        var round = 0
                        while record.running.load(ordering: .relaxed) {
                            round += 1
                            let stream = client % 4 == 3
                            let prompt = round % 2 == 0 ? repeated : uniquePrompt("Client \(client) asks question \(round)")
                            let verdict: Result<String, any Error> = await Result(catching: {
                                let reply = try await sidecar.complete(prompt, extra: stream ? #","stream":true"# : "")
                                guard reply.status == 200 else { return "status \(reply.status): \(reply.text.prefix(200))" }
                                // A streamed answer's text is spread over chunks: it must end as a stream does.
                                let complete = stream ? reply.text.hasSuffix("data: [DONE]\n\n") : reply.text.contains("to: \(prompt)")
                                guard complete else {
                                    return "incomplete or wrong answer: \(reply.text.prefix(200))"
                                }
                                return "ok " + (reply.xCache ?? "none")
                            })
                            record.tally.withLock { tally in
                                tally.answered += 1
                                switch verdict {
                                case .success(let text) where text.hasPrefix("ok "):
                                    tally.outcomes[String(text.dropFirst(3)), default: 0] += 1
                                case .success(let problem):
                                    tally.failures.append(problem)
                                case .failure(let error):
                                    tally.failures.append("\(error)")
                                }
                            }
                        }
                    }
                }
            }
        }

        try await waitUntil { record.tally.withLock { $0.answered } >= 200 }
        redis.kill()
        let atKill = record.tally.withLock { $0.answered }
        try await waitUntil { record.tally.withLock { $0.outcomes["BYPASS", default: 0] } >= 100 }
        try redis.restart()
        let atRestart = record.tally.withLock { $0.answered }
        // The restarted Redis is empty: the repeated prompt is stored again, then served from it.
        let hitsBefore = record.tally.withLock { $0.outcomes["HIT", default: 0] }
        try await waitUntil { record.tally.withLock { $0.outcomes["HIT", default: 0] } >= hitsBefore + 50 }
        record.running.store(false, ordering: .relaxed)
        await clients.value

        let result = record.tally.withLock { $0 }
        print("Redis killed under load: \(result.answered) answered, by outcome \(result.outcomes), \(atRestart - atKill) while Redis was down")
        #expect(result.failures.isEmpty, "\(result.failures.count) failed: \(result.failures.prefix(5))")
        #expect(atRestart - atKill >= 100)
        #expect(result.outcomes["BYPASS", default: 0] >= 100)
        #expect(result.outcomes["MISS", default: 0] > 0)
        let ready = try await sidecar.send(.GET, path: "/readyz", headers: [])
        #expect(ready.status == 200)
    }
}

/// What the clients saw over the whole run, shared by all of them.
private final class LoadRecord: Sendable {
    struct Tally: Sendable {
        var answered = 0
        var failures: [String] = []
        var outcomes: [String: Int] = [:]
    }

    let tally = Mutex(Tally())
    let running = Atomic<Bool>(true)
}

extension Result where Failure == any Error {
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
