import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
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

    @Test func wrongTypesAndInvalidUTF8Are400() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let cases: [(String, String)] = [
            (#"{"model":5,"messages":[{"role":"user","content":"x"}]}"#, "invalid_type"),
            (#"{"model":"","messages":[{"role":"user","content":"x"}]}"#, "invalid_type"),
            (#"{"model":"m","messages":"hello"}"#, "invalid_type"),
            (#"{"model":"m","messages":[]}"#, "empty_array"),
            (#"{"model":"m","messages":[1]}"#, "invalid_type"),
            (#"{"model":"m","messages":[{"content":"x"}]}"#, "missing_required_parameter"),
            (#"{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}"#, "invalid_type"),
            (#"[{"model":"m"}]"#, "invalid_json"),
            ("null", "invalid_json"),
            (#"{"model":"m","messages":[{"role":"user","content":"\ud800"}]}"#, "invalid_json"),
        ]
        for (body, code) in cases { expectError(try await sidecar.send(body: body), status: 400, code: code) }
        var request = sidecar.request(body: nil)
        request.body = .bytes(ByteBuffer(bytes: Array(#"{"model":"m","messages":[{"role":"user","content":""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)))
        let response = try await SidecarHarness.httpClient.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 400)
        #expect(String(buffer: body).contains("invalid_json"))
        #expect(sidecar.provider.totalCalls == 0)
    }

    /// Large and strange, but valid: served, cached, and served again byte for byte.
    @Test func oddButValidRequestsAreServedAndCached() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let turns = (0..<5000).map { #"{"role":"\#($0 % 2 == 0 ? "user" : "assistant")","content":"turn \#($0)"}"# }
        let longPrompt = (0..<20_000).map { "word\($0 % 97)" }.joined(separator: " ")
        let bodies = [
            #"{"model":"gpt-4.1","messages":[\#(turns.joined(separator: ",")),{"role":"user","content":"\#(uniquePrompt())"}]}"#,
            SidecarHarness.completionBody(uniquePrompt(longPrompt)),
            SidecarHarness.completionBody(uniquePrompt(#"\u0000 \u2028 \ufeff 👩‍👩‍👧 مرحبا \ud83d\ude00 \\ \""#)),
        ]
        for body in bodies {
            let first = try await sidecar.send(body: body)
            #expect(first.status == 200 && first.xCache == "MISS")
            let again = try await sidecar.send(body: body)
            #expect(again.xCache == "HIT")
            #expect(again.body == first.body)
        }
        // Composed and decomposed é look alike but are other bytes, so other requests to a provider.
        let marker = UUID().uuidString.prefix(8)
        #expect(try await sidecar.complete("caf\u{E9} \(marker)").xCache == "MISS")
        #expect(try await sidecar.complete("cafe\u{301} \(marker)").xCache == "MISS")
    }

    /// The model reads 256 tokens; two prompts alike for longer than that, which differ after it,
    /// embed alike. They must still not share an answer.
    @Test func promptsDifferingBeyondTheModelWindowDoNotShareAnAnswer() async throws {
        let sidecar = try await SidecarHarness.start { $0.semanticEnabled = true }
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        let preamble = (0..<300).map { "The quick brown fox jumps over the lazy dog number \($0)." }.joined(separator: " ")
        #expect(try await sidecar.complete(preamble + " Now translate it into French.", apiKey: apiKey).xCache == "MISS")
        let other = try await sidecar.complete(preamble + " Now count the words in it.", apiKey: apiKey)
        #expect(other.xCache == "MISS", "served \(other.headers.first(name: "x-cache-match") ?? "") at \(other.headers.first(name: "x-cache-similarity") ?? "")")
        #expect(sidecar.provider.callCount() == 2)
    }
}
