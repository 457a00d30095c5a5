import Testing

@testable import CacheSidecar

/// An upstream that offers HTTP/2 over TLS (as providers do) gets it: concurrent misses share one
/// multiplexed connection instead of opening one each.
@Suite("HTTP/2 to the upstream")
struct HTTP2UpstreamTests {
    @Test func concurrentMissesShareOneHTTP2Connection() async throws {
        let nginx = try TLSNginx()
        defer { nginx.stop() }
        let sidecar = try await SidecarHarness.start {
            $0.upstreamURL = nginx.origin
            $0.upstreamCAFile = nginx.certificateFile
        }
        defer { Task { await sidecar.stop() } }

        let replies = try await withThrowingTaskGroup(of: SidecarHarness.Reply.self) { group in
            for _ in 0..<16 {
                group.addTask { try await sidecar.complete(uniquePrompt("Which protocol carries this?")) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.count == 16)
        for reply in replies {
            #expect(reply.status == 200)
            #expect(reply.xCache == "MISS")
            #expect(reply.text.contains("over HTTP/2"))
        }
        let log = try nginx.accessLog()
        #expect(log.count == 16)
        #expect(log.allSatisfy { $0.httpProtocol == "HTTP/2.0" })
        #expect(Set(log.map(\.connection)).count == 1)
    }

    /// Without the CA file the self-signed certificate is refused: TLS is verified, not waved through.
    @Test func anUntrustedCertificateIsRefused() async throws {
        let nginx = try TLSNginx()
        defer { nginx.stop() }
        let sidecar = try await SidecarHarness.start {
            $0.upstreamURL = nginx.origin
            $0.upstreamRetries = 0
        }
        defer { Task { await sidecar.stop() } }
        let reply = try await sidecar.complete(uniquePrompt())
        #expect(reply.status == 502)
        #expect(try nginx.accessLog().isEmpty)
    }
}
