import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Bytes on a plain TCP socket, for requests no HTTP client would send: control characters in
/// headers, a `Content-Length` the body never reaches, a chunked body that never ends.
///
/// The blocking socket calls run on a thread of their own, never on the cooperative pool that
/// the in-process sidecar's handlers need.
enum RawHTTP {
    struct Exchange: Sendable {
        /// What the server sent before it closed the connection or went quiet.
        var response: String
        /// The status of the first response, if one arrived.
        var status: Int? {
            guard response.hasPrefix("HTTP/1.1 ") else { return nil }
            return Int(response.dropFirst(9).prefix(3))
        }
        /// The first response's header block.
        var head: String { response.components(separatedBy: "\r\n\r\n").first ?? "" }
    }

    /// Connects to 127.0.0.1:`port`, writes `bytes` (and nothing more: the connection stays open),
    /// and reads until the server closes it, a whole response (with a Content-Length) has arrived,
    /// or the server has been quiet for `quiet`.
    static func send(_ bytes: [UInt8], port: Int, quiet: Duration = .seconds(20)) async throws -> Exchange {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try exchange(bytes, port: port, quiet: quiet) })
            }
        }
    }

    static func send(_ text: String, port: Int, quiet: Duration = .seconds(20)) async throws -> Exchange {
        try await send(Array(text.utf8), port: port, quiet: quiet)
    }

    struct SocketError: Error {
        var call: String
        var code: Int32
    }

    private static func exchange(_ bytes: [UInt8], port: Int, quiet: Duration) throws -> Exchange {
        guard let fd = RedisServerProcess.connectedSocket(port: port) else { throw SocketError(call: "connect", code: errno) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: Int(quiet.components.seconds), tv_usec: Int(quiet.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer and close before it has read everything: what it sent still counts.
            guard count > 0 else { break }
            written += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }  // closed, reset, or quiet for `quiet`
            received += buffer[..<count]
            if Self.holdsCompleteResponse(received) { break }
        }
        return Exchange(response: String(decoding: received, as: UTF8.self))
    }

    /// A head and as many body bytes as its Content-Length says: no need to wait for the quiet.
    private static func holdsCompleteResponse(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return text[end.upperBound...].utf8.count >= length
    }
}
