extension SSEEvent {
    /// The event on the wire: optional `event:`/`id:` lines, one `data:` line per line of
    /// ``data``, and the blank line that dispatches it.
    ///
    /// Splitting `data` at every line ending keeps a payload with embedded newlines intact
    /// through ``SSEParser``, which joins the lines back with `\n` (so a `\r\n` or `\r` inside
    /// `data` comes back as `\n`: the format cannot carry them).
    public var encoded: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.utf8.count + 16)
        if let event { Self.appendField("event", event, to: &output) }
        if let id { Self.appendField("id", id, to: &output) }
        for line in data.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            Self.appendField("data", line, to: &output)
        }
        output.append(0x0A)
        return output
    }

    /// The framing of a single-line `data:` event, for callers that already hold the payload bytes
    /// (compact JSON never contains a raw line break).
    static func encodedData(_ payload: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(payload.count + 8)
        output.append(contentsOf: "data: ".utf8)
        output.append(contentsOf: payload)
        output.append(contentsOf: [0x0A, 0x0A])
        return output
    }

    private static func appendField(_ name: String, _ value: some StringProtocol, to output: inout [UInt8]) {
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: ": ".utf8)
        output.append(contentsOf: value.utf8)
        output.append(0x0A)
    }
}
