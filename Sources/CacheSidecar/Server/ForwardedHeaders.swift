import HTTPTypes

/// Which headers cross the sidecar, in each direction.
///
/// Hop-by-hop headers belong to one connection, not to the message (RFC 9110 §7.6.1); the
/// sidecar's own `X-Cache-*` request headers are for it alone and never reach the provider.
enum ForwardedHeaders {
    private static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// Headers to send upstream. `Host` and `Content-Length` are set by the transport for the new
    /// hop; `Accept-Encoding` is left to the transport, which decodes what it asks for.
    static func towardUpstream(_ headers: HTTPFields) -> HTTPFields {
        let extra: Set<String> = ["host", "content-length", "accept-encoding", "expect"]
        return filtered(headers) { name in
            extra.contains(name) || name.hasPrefix("x-cache-") || name == "cache-control"
        }
    }

    /// Headers to send back to the client; the body's framing is the sidecar's own.
    static func towardClient(_ headers: HTTPFields) -> HTTPFields {
        let extra: Set<String> = ["content-length", "content-encoding"]
        return filtered(headers) { extra.contains($0) }
    }

    private static func filtered(_ headers: HTTPFields, dropping drop: (String) -> Bool) -> HTTPFields {
        var named: Set<String> = []
        for value in headers[values: .connection] {
            for token in value.split(separator: ",") { named.insert(token.trimmingWhitespace.lowercased()) }
        }
        var result = HTTPFields()
        for field in headers {
            let name = field.name.canonicalName
            if hopByHop.contains(name) || named.contains(name) || drop(name) { continue }
            result.append(field)
        }
        return result
    }
}
