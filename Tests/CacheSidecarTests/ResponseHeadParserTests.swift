import HTTPTypes
import Testing

@testable import CacheSidecar

@Suite struct ResponseHeadParserTests {
    private func parse(_ lines: [String]) -> [ResponseHead] {
        var parser = ResponseHeadParser()
        return lines.compactMap { line in
            Array(line.utf8).withUnsafeBytes { parser.parse(line: $0) }
        }
    }

    @Test func skipsInterimHeadsAndReturnsTheFinalOne() {
        let heads = parse([
            "HTTP/1.1 100 Continue\r\n", "\r\n",
            "HTTP/1.1 429 Too Many Requests\r\n", "Retry-After: 7\r\n", "Content-Type: application/json\r\n", "\r\n",
        ])
        #expect(heads.count == 1)
        #expect(heads.first?.status.code == 429)
        #expect(heads.first?.status.reasonPhrase == "Too Many Requests")
        #expect(heads.first?.headers[.retryAfter] == "7")
        #expect(heads.first?.headers[.contentType] == "application/json")
    }

    @Test func readsHTTP2StatusLines() {
        let heads = parse(["HTTP/2 200\r\n", "x-request-id:   abc  \r\n", "\r\n"])
        #expect(heads.first?.status == .ok)
        #expect(heads.first?.headers[HTTPField.Name("X-Request-Id")!] == "abc")
    }

    @Test func dropsHopByHopFramingAndConnectionListedHeaders() {
        let heads = parse([
            "HTTP/1.1 200 OK\r\n",
            "Connection: keep-alive, X-Hop\r\n", "Keep-Alive: timeout=5\r\n", "Transfer-Encoding: chunked\r\n",
            "Content-Length: 10\r\n", "Content-Encoding: gzip\r\n", "Proxy-Authenticate: Basic\r\n",
            "X-Hop: 1\r\n", "Trailer: X-Checksum\r\n", "Upgrade: h2c\r\n", "Openai-Model: gpt-4o\r\n", "\r\n",
        ])
        #expect(heads.first?.headers.map(\.name.canonicalName) == ["openai-model"])
    }

    @Test func keepsRepeatedFields() {
        let heads = parse(["HTTP/1.1 200 OK\r\n", "Set-Cookie: a=1\r\n", "Set-Cookie: b=2\r\n", "\r\n"])
        #expect(heads.first?.headers[values: .setCookie] == ["a=1", "b=2"])
    }

    @Test func ignoresGarbageWithoutCrashing() {
        let heads = parse(["HTTP/1.1 -12 Nope\r\n", "\r\n", "no colon here\r\n", "HTTP/1.1 204\r\n", "bad name: x\r\n", "\r\n"])
        #expect(heads.count == 1)
        #expect(heads.first?.status == .noContent)
        #expect(heads.first?.headers.isEmpty == true)
    }
}
