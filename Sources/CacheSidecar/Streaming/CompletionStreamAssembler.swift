/// Rebuilds the non-streamed `chat.completion` from the events of a `stream: true` response, so a
/// streamed miss can be cached in the same form as a plain one.
///
/// Only a stream that provably ended well may be stored: ``completion()`` answers nil unless
/// `[DONE]` arrived and every choice has a `finish_reason`, and the first error event or malformed
/// chunk makes the stream unstorable for good. It never throws or traps on provider input.
public struct CompletionStreamAssembler: Sendable {
    /// Why a stream can never be stored.
    public enum Rejection: Sendable, Equatable {
        /// The provider reported an error inside the stream (`event: error` or an `error` object).
        case providerError
        /// A chunk did not follow the chat-completion chunk format, or data followed `[DONE]`.
        case malformed(String)
        /// The stream outgrew ``maximumBytes``; it is still relayed, just not kept.
        case tooLarge
    }

    /// Bound on the raw stream bytes passed to ``feed(_:)``, so one endless answer cannot exhaust memory.
    public let maximumBytes: Int
    private var parser = SSEParser()
    private var bytesSeen = 0

    public private(set) var rejection: Rejection?
    public private(set) var sawDone = false

    private var id: String?
    private var created: Int64?
    private var model: String?
    private var systemFingerprint: JSONValue?
    private var serviceTier: JSONValue?
    private var usage: JSONValue?
    private var choices: [Int64: ChoiceAccumulator] = [:]

    public init(maximumBytes: Int = 16 * 1024 * 1024) {
        self.maximumBytes = maximumBytes
    }

    /// True once the stream may be stored: `[DONE]` seen, at least one choice, all of them finished.
    public var isComplete: Bool {
        rejection == nil && sawDone && !choices.isEmpty && choices.values.allSatisfy { $0.finishReason != nil }
    }

    /// Takes the next read of the raw `text/event-stream` body, split anywhere.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        guard rejection == nil else { return }
        bytesSeen += bytes.count
        guard bytesSeen <= maximumBytes else { return reject(.tooLarge) }
        consume(parser.feed(bytes))
    }

    /// The body has ended: lets a last event that lacks its closing blank line count (see ``SSEParser/finish()``).
    public mutating func finish() {
        consume(parser.finish())
    }

    /// Takes events already parsed by the caller's own ``SSEParser``; do not mix with ``feed(_:)``.
    public mutating func consume(_ events: some Sequence<SSEEvent>) {
        for event in events { consume(event) }
    }

    public mutating func consume(_ event: SSEEvent) {
        guard rejection == nil else { return }
        if event.event == "error" { return reject(.providerError) }
        // Other named events are not part of the chat-completion protocol; leave them be.
        guard event.event == nil || event.event == "message" else { return }
        guard !sawDone else { return reject(.malformed("data after [DONE]")) }
        if event.data.utf8.elementsEqual("[DONE]".utf8) {
            sawDone = true
            return
        }
        guard case .object(let chunk)? = try? JSONParser.parse(event.data.utf8) else {
            return reject(.malformed("chunk is not a JSON object"))
        }
        do {
            try add(chunk)
        } catch {
            reject(error.rejection)
        }
    }

    /// The equivalent non-streamed `chat.completion`, or nil while (or because) it is not complete.
    public func completion() -> JSONValue? {
        guard isComplete else { return nil }
        var object = JSONObject()
        object["id"] = .string(id ?? "")
        object["object"] = .string("chat.completion")
        object["created"] = .integer(created ?? 0)
        object["model"] = .string(model ?? "")
        object["choices"] = .array(choices.keys.sorted().map { choices[$0]!.choice })
        object["usage"] = usage
        object["service_tier"] = serviceTier
        object["system_fingerprint"] = systemFingerprint
        return .object(object)
    }

    private mutating func reject(_ reason: Rejection) {
        rejection = reason
        choices = [:]  // nothing of it will be used; free it
        parser = SSEParser()
    }

    private struct ChunkError: Error {
        var rejection: Rejection
    }

    private mutating func add(_ chunk: JSONObject) throws(ChunkError) {
        if let error = chunk["error"], error != .null { throw ChunkError(rejection: .providerError) }
        // Azure's prompt-filter chunk says `object: ""`.
        if let type = chunk["object"], type != .string("chat.completion.chunk"), type != .string("") {
            throw ChunkError(rejection: .malformed("object is not chat.completion.chunk"))
        }
        // Azure opens with a prompt-filter chunk whose id, model and created are empty or zero.
        if id == nil, let value = chunk["id"]?.stringValue, !value.isEmpty { id = value }
        if model == nil, let value = chunk["model"]?.stringValue, !value.isEmpty { model = value }
        if created == nil, let value = chunk["created"]?.integerValue, value != 0 { created = value }
        if let value = chunk["system_fingerprint"], value != .null { systemFingerprint = value }
        if let value = chunk["service_tier"], value != .null { serviceTier = value }
        if let value = chunk["usage"], value != .null {
            guard case .object = value else { throw ChunkError(rejection: .malformed("usage is not an object")) }
            usage = value
        }
        switch chunk["choices"] {
        case nil, .null?:
            break
        case .array(let entries)?:
            for entry in entries { try add(choice: entry) }
        default:
            throw ChunkError(rejection: .malformed("choices is not an array"))
        }
    }

    private mutating func add(choice value: JSONValue) throws(ChunkError) {
        guard case .object(let choice) = value, let index = choice["index"]?.integerValue, index >= 0 else {
            throw ChunkError(rejection: .malformed("choice without an index"))
        }
        var accumulator = choices.removeValue(forKey: index) ?? ChoiceAccumulator(index: index)
        do {
            try accumulator.add(choice)
        } catch {
            throw ChunkError(rejection: .malformed(error.reason))
        }
        choices[index] = accumulator
    }
}
