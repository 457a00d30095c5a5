/// Incremental `text/event-stream` parser following the WHATWG "event stream interpretation" rules.
///
/// Network reads split the stream anywhere — inside a line, between `\r` and `\n`, inside a UTF-8
/// sequence — so the parser keeps the unfinished line and the event being built across ``feed(_:)``
/// calls. Lines end at `\n`, `\r\n` or `\r`; `:` lines are comments; `retry:` and unknown fields
/// are ignored (the sidecar never reconnects).
public struct SSEParser: Sendable {
    /// Bytes of the line not yet terminated.
    private var line: [UInt8] = []
    /// The previous chunk ended with `\r`: a `\n` starting the next one belongs to that line ending.
    private var pendingCarriageReturn = false
    /// Only the very first line of a stream may start with a byte order mark.
    private var atStreamStart = true
    /// The `data` buffer of the spec: every `data:` value followed by `\n`.
    private var data: [UInt8] = []
    private var sawData = false
    private var eventType: String?
    private var lastEventID: String?

    public init() {}

    /// Parses the next piece of the stream and returns the events it completed, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        var index = bytes.startIndex
        if pendingCarriageReturn, index < bytes.endIndex {
            pendingCarriageReturn = false
            if bytes[index] == .lineFeed { index = bytes.index(after: index) }
        }
        while index < bytes.endIndex {
            guard let end = bytes[index...].firstIndex(where: { $0 == .lineFeed || $0 == .carriageReturn }) else {
                line.append(contentsOf: bytes[index...])
                break
            }
            line.append(contentsOf: bytes[index..<end])
            if let event = processLine() { events.append(event) }
            line.removeAll(keepingCapacity: true)
            index = bytes.index(after: end)
            if bytes[end] == .carriageReturn {
                if index == bytes.endIndex {
                    pendingCarriageReturn = true
                } else if bytes[index] == .lineFeed {
                    index = bytes.index(after: index)
                }
            }
        }
        return events
    }

    /// Ends the stream. An event whose lines all arrived but whose closing blank line did not is
    /// still returned (some servers omit it after the last event); an unterminated last line is
    /// treated as truncated and dropped, as the spec requires.
    public mutating func finish() -> [SSEEvent] {
        defer { self = SSEParser() }
        return dispatch().map { [$0] } ?? []
    }

    /// Applies one complete line (without its terminator); returns an event on a blank line.
    private mutating func processLine() -> SSEEvent? {
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: Self.byteOrderMark) { line.removeFirst(Self.byteOrderMark.count) }
        }
        if line.isEmpty { return dispatch() }
        if line.first == .colon { return nil }

        let name: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: .colon) {
            name = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == .space { value = value.dropFirst() }
        } else {
            name = line[...]
            value = []
        }
        switch String(decoding: name, as: UTF8.self) {
        case "data":
            data.append(contentsOf: value)
            data.append(.lineFeed)
            sawData = true
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "id" where !value.contains(0):
            lastEventID = String(decoding: value, as: UTF8.self)
        default:
            break
        }
        return nil
    }

    /// Ends the event being built; per the spec an event without `data:` lines is not dispatched.
    private mutating func dispatch() -> SSEEvent? {
        defer {
            data.removeAll(keepingCapacity: true)
            sawData = false
            eventType = nil
        }
        guard sawData else { return nil }
        let type = eventType.flatMap { $0.isEmpty ? nil : $0 }
        return SSEEvent(event: type, data: String(decoding: data.dropLast(), as: UTF8.self), id: lastEventID)
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

extension UInt8 {
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let space = UInt8(ascii: " ")
}
