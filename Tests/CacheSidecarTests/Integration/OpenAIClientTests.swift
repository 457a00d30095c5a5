import Foundation
import Testing

@testable import CacheSidecar

/// The official `openai` Python package (pinned in scripts/requirements-test.txt) against the
/// sidecar: what real applications use, streaming and not, cache headers through `with_raw_response`.
@Suite("Official openai client")
struct OpenAIClientTests {
    @Test func pythonClientGetsMissesHitsAndStreams() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let script = Self.repository.appendingPathComponent("scripts/openai_client_check.py").path
        let (status, output) = try await Self.run(["python3", script, "http://127.0.0.1:\(sidecar.port)/v1", uniquePrompt()])
        #expect(status == 0, "openai_client_check.py failed (scripts/install-deps.sh test installs the client):\n\(output)")
        #expect(output.contains("ok   the replayed stream carries the same text"))
        #expect(output.contains("ok   with the streamed text"))
        #expect(!output.contains("FAIL"))
        // One call per distinct prompt: everything else came from the cache.
        #expect(sidecar.provider.callCount() == 2)
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Runs a command to its end without blocking a thread of the test's executor.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, output)
    }
}
