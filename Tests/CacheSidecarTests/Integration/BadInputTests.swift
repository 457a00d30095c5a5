import HTTPTypes
import NIOHTTP1
import Testing

@testable import CacheSidecar

@Suite("Bad input gets OpenAI-style errors")
struct BadInputTests {
    private func expectError(_ reply: SidecarHarness.Reply, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == status, sourceLocation: sourceLocation)
        #expect(reply.headers.first(name: "content-type") == "application/json", sourceLocation: sourceLocation)
        let error = reply.json?["error"]
        #expect(error?["code"]?.stringValue == code, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(error?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(error?["type"]?.stringValue != nil, sourceLocation: sourceLocation)
    }

    @Test func malformedAndIncompleteBodiesAre400() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        expectError(try await sidecar.send(body: #"{"model": "gpt-4.1", "messages": ["#), status: 400, code: "invalid_json")
        expectError(try await sidecar.send(body: #"{"messages":[{"role":"user","content":"x"}]}"#), status: 400, code: "missing_required_parameter")
        expectError(try await sidecar.send(body: #"{"model":"gpt-4.1"}"#), status: 400, code: "missing_required_parameter")
        expectError(try await sidecar.send(body: #"{"model":"gpt-4.1","messages":{}}"#), status: 400, code: "invalid_type")
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        expectError(try await sidecar.send(body: #"{"model":"m","messages":\#(deep)}"#), status: 400, code: "invalid_json")
        expectError(try await sidecar.complete("x", headers: [("X-Cache-TTL", "forever")]), status: 400, code: "invalid_header")
        #expect(sidecar.provider.totalCalls == 0)
    }

    @Test func oversizedBodiesAre413() async throws {
        let sidecar = try await SidecarHarness.start { $0.maxBodyBytes = 1024 }
        defer { Task { await sidecar.stop() } }
        let big = String(repeating: "a", count: 4096)
        expectError(try await sidecar.complete(big), status: 413, code: "request_too_large")
        #expect(try await sidecar.complete("small").status == 200)
    }

    @Test func nonJSONContentTypeIs415() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let reply = try await sidecar.send(body: "model=gpt-4.1", headers: [("Content-Type", "application/x-www-form-urlencoded")])
        expectError(reply, status: 415, code: "unsupported_media_type")
        let charset = try await sidecar.send(
            body: #"{"model":"m","messages":[{"role":"user","content":"\#(uniquePrompt())"}]}"#,
            headers: [("Content-Type", "application/json; charset=utf-8")])
        #expect(charset.status == 200)
    }

    @Test func unreachableUpstreamIs502() async throws {
        let sidecar = try await SidecarHarness.start { $0.upstreamURL = "http://127.0.0.1:1" }
        defer { Task { await sidecar.stop() } }
        expectError(try await sidecar.complete(uniquePrompt()), status: 502, code: "upstream_unavailable")
    }
}
