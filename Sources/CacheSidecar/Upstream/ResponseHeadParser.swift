import HTTPTypes

/// The status line and headers of the provider's final response.
struct ResponseHead: Sendable {
    var status: HTTPResponse.Status
    /// End-to-end headers only; see ``HopByHopHeaders``.
    var headers: HTTPFields
}

/// Assembles the final response head from the raw lines curl hands to its header callback.
///
/// curl reports every head it sees on the connection, so interim `1xx` heads (e.g. `100 Continue`)
/// arrive before the final one; they are skipped. HTTP/2 heads look the same (`HTTP/2 200`).
struct ResponseHeadParser {
    private var status: HTTPResponse.Status?
    private var fields = HTTPFields()

    /// Feeds one line, CRLF included. Returns the head when the blank line ending a final head arrives.
    mutating func parse(line: UnsafeRawBufferPointer) -> ResponseHead? {
        var bytes = line[...]
        while let last = bytes.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            bytes.removeLast()
        }
        if bytes.isEmpty {
            return self.endOfHead()
        }
        if bytes.starts(with: "HTTP/".utf8) {
            self.status = Self.parseStatusLine(bytes)
            self.fields = HTTPFields()
        } else if self.status != nil {
            self.parseField(bytes)
        }
        return nil
    }

    private mutating func endOfHead() -> ResponseHead? {
        guard let status else { return nil }
        self.status = nil
        defer { self.fields = HTTPFields() }
        if status.kind == .informational {
            return nil
        }
        return ResponseHead(
            status: status,
            headers: HopByHopHeaders.filter(self.fields, dropping: HopByHopHeaders.isDroppedFromResponse)
        )
    }

    /// `HTTP/1.1 429 Too Many Requests` or `HTTP/2 200`.
    private static func parseStatusLine(_ line: Slice<UnsafeRawBufferPointer>) -> HTTPResponse.Status? {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2,
            parts[1].count == 3,
            parts[1].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let code = Int(String(decoding: parts[1], as: UTF8.self))
        else {
            return nil
        }
        let reason = parts.count == 3 ? String(decoding: parts[2], as: UTF8.self) : ""
        return HTTPResponse.Status(code: code, reasonPhrase: reason)
    }

    /// `Name: value`; lines that are not valid fields are ignored rather than failing the transfer.
    private mutating func parseField(_ line: Slice<UnsafeRawBufferPointer>) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
            let name = HTTPField.Name(String(decoding: line[..<colon], as: UTF8.self))
        else {
            return
        }
        var value = line[line.index(after: colon)...]
        while let first = value.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            value.removeFirst()
        }
        while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            value.removeLast()
        }
        self.fields.append(HTTPField(name: name, value: value))
    }
}
