import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Requests no well-behaved client sends, on a raw socket: bodies far over the limit (refused
/// without being read), control characters and folding in headers (never split into the
/// provider's request or reflected to the client), huge and duplicated headers.
@Suite("Hostile requests on the wire")
struct HostileInputTests {
    private static func head(_ extra: String = "", length: String? = nil) -> String {
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer sk-hostile\r\n"
            + (length.map { "Content-Length: \($0)\r\n" } ?? "") + extra + "\r\n"
    }

    @Test func aDeclaredBodyOverTheLimitIs413BeforeItIsSent() async throws {
        let sidecar = try await SidecarHarness.start { $0.maxBodyBytes = 1024 }
        defer { Task { await sidecar.stop() } }
        // One GiB announced, a few bytes sent: the answer cannot wait for the rest.
        let exchange = try await RawHTTP.send(Self.head(length: "1073741824") + #"{"model":"#, port: sidecar.port)
        #expect(exchange.status == 413, "\(exchange.response)")
        #expect(exchange.response.contains("request_too_large"))
        #expect(sidecar.provider.totalCalls == 0)
    }

    @Test func aChunkedBodyOverTheLimitIs413WhileItIsStillComing() async throws {
        let sidecar = try await SidecarHarness.start { $0.maxBodyBytes = 1024 }
        defer { Task { await sidecar.stop() } }
        let chunk = String(repeating: "a", count: 512)
        // 4 KiB in chunks, and never the last chunk: only reading stopped at the limit can answer.
        let body = String(repeating: "200\r\n\(chunk)\r\n", count: 8)
        let exchange = try await RawHTTP.send(Self.head("Transfer-Encoding: chunked\r\n") + body, port: sidecar.port)
        #expect(exchange.status == 413, "\(exchange.response)")
        #expect(sidecar.provider.totalCalls == 0)
    }

    /// Each header smuggles a second one with a bare CR, a NUL, or obsolete line folding.
    @Test(arguments: [
        "X-Cache-TTL: 10\rX-Evil: injected\r\n",
        "X-Custom: a\u{0}X-Evil: injected\r\n",
        "X-Custom: a\r\n X-Evil: injected\r\n",
        "X-Cache-Threshold: 0.95\r\n\tX-Evil: injected\r\n",
        "Authorization: Bearer sk-two\rX-Evil: injected\r\n",
    ])
    func controlCharactersInHeadersSplitNothing(_ header: String) async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let body = SidecarHarness.completionBody(uniquePrompt())
        let exchange = try await RawHTTP.send(Self.head(header, length: "\(body.utf8.count)") + body, port: sidecar.port)
        #expect(exchange.status == 400, "\(header.debugDescription) → \(exchange.response.prefix(300))")
        #expect(!exchange.head.lowercased().contains("x-evil"))
        #expect(sidecar.provider.totalCalls == 0)
        // The server goes on serving.
        #expect(try await sidecar.complete(uniquePrompt()).status == 200)
    }

    @Test func hugeHeadersAreRefusedAndServingGoesOn() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let body = SidecarHarness.completionBody(uniquePrompt())
        let huge = "X-Custom: " + String(repeating: "h", count: 200_000) + "\r\n"
        let exchange = try await RawHTTP.send(Self.head(huge, length: "\(body.utf8.count)") + body, port: sidecar.port)
        #expect(exchange.status.map { (400...499).contains($0) } ?? true, "\(exchange.response.prefix(300))")
        #expect(sidecar.provider.totalCalls == 0)
        #expect(try await sidecar.complete(uniquePrompt()).status == 200)
    }

    /// Two values for one cache header are ambiguous: refused, not one silently picked. A bad
    /// value is named in the JSON error body only, never echoed into a response header.
    @Test func duplicateOrBadCacheHeadersAre400AndNotReflected() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        for headers in [[("X-Cache-TTL", "10"), ("X-Cache-TTL", "20")], [("X-Cache-Threshold", "0.9"), ("X-Cache-Threshold", "0.95")]] {
            let reply = try await sidecar.complete(uniquePrompt(), headers: headers)
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?["code"]?.stringValue == "invalid_header")
        }
        let reply = try await sidecar.complete(uniquePrompt(), headers: [("X-Cache-TTL", "<script>alert(1)</script>")])
        #expect(reply.status == 400)
        #expect(reply.json?["error"]?["message"]?.stringValue?.contains("<script>") == true)
        for header in reply.headers { #expect(!header.value.contains("script"), "\(header.name)") }
        #expect(sidecar.provider.totalCalls == 0)
    }
}
