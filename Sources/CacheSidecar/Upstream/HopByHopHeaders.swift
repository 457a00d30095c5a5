import HTTPTypes

/// Headers that describe one connection rather than the message, so a proxy must not forward them
/// (RFC 9110 §7.6.1), plus the framing headers that curl recomputes or undoes itself.
enum HopByHopHeaders {
    /// Dropped from the provider's response: curl has already de-chunked and decoded the body,
    /// so the original framing and encoding no longer describe the bytes we hand on.
    static func isDroppedFromResponse(_ name: HTTPField.Name) -> Bool {
        isHopByHop(name) || name == .contentLength || name == .contentEncoding
    }

    /// Dropped from the client's request: curl frames the body, negotiates compression
    /// (`CURLOPT_ACCEPT_ENCODING`) and decides on `Expect` itself, so the client's values would conflict.
    static func isDroppedFromRequest(_ name: HTTPField.Name) -> Bool {
        switch name {
        case .contentLength, .acceptEncoding, .expect:
            return true
        default:
            return isHopByHop(name) || name.canonicalName == "host"
        }
    }

    static func isHopByHop(_ name: HTTPField.Name) -> Bool {
        switch name.canonicalName {
        case "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade":
            return true
        default:
            return name.canonicalName.hasPrefix("proxy-")
        }
    }

    /// Removes the hop-by-hop headers plus any header the `Connection` header names as hop-by-hop.
    static func filter(_ fields: HTTPFields, dropping isDropped: (HTTPField.Name) -> Bool) -> HTTPFields {
        let listedInConnection = Set(
            fields[values: .connection]
                .flatMap { $0.split(separator: ",") }
                .map { $0.trimmingSpaces().lowercased() }
        )
        var kept = HTTPFields()
        for field in fields where !isDropped(field.name) && !listedInConnection.contains(field.name.canonicalName) {
            kept.append(field)
        }
        return kept
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var trimmed = self
        while trimmed.first == " " || trimmed.first == "\t" { trimmed.removeFirst() }
        while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
        return trimmed
    }
}
