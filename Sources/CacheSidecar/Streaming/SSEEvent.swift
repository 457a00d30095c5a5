/// One dispatched `text/event-stream` event, as the WHATWG event-stream rules define it.
///
/// Kept as decoded text because every consumer in the sidecar (the completion assembler, logs)
/// wants the `data` payload as a whole; the parser has already joined multi-line `data:` fields.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or nil when the event had none (browsers call that type "message").
    public var event: String?
    /// All `data:` lines of the event joined with `\n`.
    public var data: String
    /// The last event ID seen on the stream so far; per the spec it carries over to later events.
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}
