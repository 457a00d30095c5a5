import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// What the fake provider does with the next request.
enum FakeBehaviour: Sendable {
    /// 200 chat.completion with content "answer <n> to: <last user message>" (n = call number on the
    /// path); streamed as SSE when the request has `"stream": true`.
    case complete
    /// As ``complete``, with fixed content.
    case completeWith(content: String)
    /// Any status with a raw body (`{"error":…}` JSON is typical), e.g. 429 with `Retry-After`.
    case status(Int, body: String, headers: [String: String] = [:])
    /// SSE: role chunk, then each piece as a content chunk with `delay` between, then finish chunk
    /// (and usage chunk if `stream_options.include_usage`) and `[DONE]`.
    case stream(chunks: [String], delay: Duration)
    /// As ``stream`` but closes the connection after the last piece, without finish chunk or `[DONE]`.
    case streamThenDrop(chunks: [String], delay: Duration)
    /// Waits, then answers as ``complete``.
    case stall(Duration)
    /// 200 with the request body echoed back, with the request's content type.
    case echo
    /// As ``complete``, with the caller's `Authorization` in the content
    /// ("answer <n> to: <prompt> for: <authorization>"): shows whose answer a client was served.
    case signed
    /// The wrapped behaviour with its body gzip-encoded, if the request accepts gzip. Streaming
    /// behaviours are sent as they are.
    indirect case gzipped(FakeBehaviour)
}

/// One request as the fake provider received it.
struct RecordedRequest: Sendable {
    var method: HTTPRequest.Method
    /// Path without the query.
    var path: String
    var query: String?
    var headers: HTTPFields
    var body: [UInt8]
    /// The client's port: requests with the same port came over the same connection.
    var clientPort: Int?

    var bodyString: String { String(decoding: self.body, as: UTF8.self) }
}

/// A real OpenAI-compatible HTTP server on 127.0.0.1, scripted by tests.
///
/// Every request, on any path and with any method, takes the next queued ``FakeBehaviour``.
/// With an empty queue, `/v1/chat/completions` answers ``FakeBehaviour/complete`` (or the
/// behaviour given to ``start(chatDefault:)``) and every other path answers ``FakeBehaviour/echo``.
final class FakeProvider: Sendable {
    /// `http://127.0.0.1:PORT`
    let origin: String
    private let state: SharedState
    private let serviceGroup: ServiceGroup
    private let server: Task<Void, any Error>

    /// The script and the record, shared with the server's request handlers.
    private final class SharedState: Sendable {
        private let mutex = Mutex(State())
        func withLock<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
            self.mutex.withLock { body(&$0) }
        }
    }

    private struct State {
        var callsByPath: [String: Int] = [:]
        var totalCalls = 0
        var queue: [FakeBehaviour] = []
        var chatDefault = FakeBehaviour.complete
        var lastRequest: RecordedRequest?
        var clientPorts: Set<Int> = []
        var sentStreamChunks = 0
        var abortedStreams = 0
        var receivedBodyBytes = 0
    }

    private init(origin: String, state: SharedState, serviceGroup: ServiceGroup, server: Task<Void, any Error>) {
        self.origin = origin
        self.state = state
        self.serviceGroup = serviceGroup
        self.server = server
    }

    /// - Parameter chatDefault: what `/v1/chat/completions` answers when nothing is queued.
    static func start(chatDefault: FakeBehaviour = .complete) async throws -> FakeProvider {
        let state = SharedState()
        state.withLock { $0.chatDefault = chatDefault }
        let responder = CallbackResponder<FakeRequestContext> { request, context in
            try await respond(to: request, clientPort: context.clientPort, state: state)
        }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "FakeProvider")
        logger.logLevel = .warning
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        var configuration = ServiceGroupConfiguration(services: [application], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        let serviceGroup = ServiceGroup(configuration: configuration)
        let server = Task {
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next(), port != 0 else {
            server.cancel()
            _ = try await server.value
            throw FakeProviderError.didNotStart
        }
        return FakeProvider(origin: "http://127.0.0.1:\(port)", state: state, serviceGroup: serviceGroup, server: server)
    }

    /// Graceful: idle connections close, and stalls and stream delays end early.
    func stop() async {
        await self.serviceGroup.triggerGracefulShutdown()
        _ = try? await self.server.value
    }

    /// Requests received on `path` (query ignored).
    func callCount(path: String = "/v1/chat/completions") -> Int {
        self.state.withLock { $0.callsByPath[path, default: 0] }
    }

    var totalCalls: Int { self.state.withLock { $0.totalCalls } }

    /// The next requests get these behaviours, in order.
    func enqueue(_ behaviours: FakeBehaviour...) {
        self.state.withLock { $0.queue += behaviours }
    }

    var lastRequest: RecordedRequest? { self.state.withLock { $0.lastRequest } }

    /// Distinct client connections that sent requests: shows whether the client reuses connections.
    var connectionCount: Int { self.state.withLock { $0.clientPorts.count } }

    /// Content chunks of ``FakeBehaviour/stream`` written to a client so far, over all requests.
    var sentStreamChunks: Int { self.state.withLock { $0.sentStreamChunks } }

    /// Request body bytes read so far, over all requests, counted as they arrive: shows whether a
    /// body reaches the provider while its sender is still sending.
    var receivedBodyBytes: Int { self.state.withLock { $0.receivedBodyBytes } }

    /// Streams that ended early because writing to the client failed: the client went away.
    var abortedStreams: Int { self.state.withLock { $0.abortedStreams } }

    // MARK: Answering

    private static func respond(to request: Request, clientPort: Int?, state: SharedState) async throws -> Response {
        var body: [UInt8] = []
        for try await chunk in request.body {
            body += chunk.readableBytesView
            state.withLock { $0.receivedBodyBytes += chunk.readableBytes }
        }
        let recorded = RecordedRequest(
            method: request.method,
            path: request.uri.path,
            query: request.uri.query,
            headers: request.headers,
            body: body,
            clientPort: clientPort
        )
        let (call, behaviour) = state.withLock { state in
            state.totalCalls += 1
            state.callsByPath[recorded.path, default: 0] += 1
            state.lastRequest = recorded
            if let clientPort { state.clientPorts.insert(clientPort) }
            let isChat = recorded.path == "/v1/chat/completions"
            let behaviour = state.queue.isEmpty ? (isChat ? state.chatDefault : .echo) : state.queue.removeFirst()
            return (state.callsByPath[recorded.path, default: 0], behaviour)
        }
        return try await self.response(behaviour, to: recorded, call: call, state: state)
    }

    /// A response whose body is known up front (so it can be re-encoded), or a streamed one.
    private enum Answer {
        case buffered(HTTPResponse.Status, HTTPFields, [UInt8])
        case streamed(Response)

        var response: Response {
            switch self {
            case .buffered(let status, let headers, let body):
                return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
            case .streamed(let response):
                return response
            }
        }
    }

    private static func response(
        _ behaviour: FakeBehaviour,
        to request: RecordedRequest,
        call: Int,
        state: SharedState
    ) async throws -> Response {
        try await self.answer(behaviour, to: request, call: call, state: state).response
    }

    private static func answer(
        _ behaviour: FakeBehaviour,
        to request: RecordedRequest,
        call: Int,
        state: SharedState
    ) async throws -> Answer {
        let chat = FakeChatRequest(body: request.body)
        switch behaviour {
        case .complete:
            return self.completion(chat, call: call, content: "answer \(call) to: \(chat.lastUserMessage)", state: state)
        case .completeWith(let content):
            return self.completion(chat, call: call, content: content, state: state)
        case .status(let code, let body, let extraHeaders):
            var headers: HTTPFields = [.contentType: "application/json"]
            for (name, value) in extraHeaders {
                if let name = HTTPField.Name(name) { headers[name] = value }
            }
            return .buffered(.init(code: code), headers, Array(body.utf8))
        case .stream(let chunks, let delay):
            return self.stream(chat, call: call, pieces: chunks, delay: delay, dropsConnection: false, state: state)
        case .streamThenDrop(let chunks, let delay):
            return self.stream(chat, call: call, pieces: chunks, delay: delay, dropsConnection: true, state: state)
        case .stall(let duration):
            try await pause(for: duration)
            return self.completion(chat, call: call, content: "answer \(call) to: \(chat.lastUserMessage)", state: state)
        case .signed:
            let caller = request.headers[.authorization] ?? "nobody"
            return self.completion(chat, call: call, content: "answer \(call) to: \(chat.lastUserMessage) for: \(caller)", state: state)
        case .echo:
            var headers = HTTPFields()
            headers[.contentType] = request.headers[.contentType] ?? "application/octet-stream"
            headers[HTTPField.Name("X-Echo-Method")!] = request.method.rawValue
            headers[HTTPField.Name("X-Echo-Path")!] = request.path
            return .buffered(.ok, headers, request.body)
        case .gzipped(let inner):
            let answer = try await self.answer(inner, to: request, call: call, state: state)
            let acceptsGzip = request.headers[values: .acceptEncoding].contains { $0.lowercased().contains("gzip") }
            guard acceptsGzip, case .buffered(let status, var headers, let body) = answer else { return answer }
            headers[.contentEncoding] = "gzip"
            return .buffered(status, headers, Gzip.encode(body))
        }
    }

    private static func completion(_ chat: FakeChatRequest, call: Int, content: String, state: SharedState) -> Answer {
        if chat.stream {
            return self.stream(chat, call: call, pieces: FakeOpenAI.pieces(of: content), delay: .zero, dropsConnection: false, state: state)
        }
        let headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("X-Request-Id")!: "req_fake\(call)"]
        return .buffered(.ok, headers, FakeOpenAI.completion(chat, call: call, content: content))
    }

    private static func stream(
        _ chat: FakeChatRequest,
        call: Int,
        pieces: [String],
        delay: Duration,
        dropsConnection: Bool,
        state: SharedState
    ) -> Answer {
        let events = FakeOpenAI.streamEvents(chat, call: call, contentPieces: pieces)
        let body = ResponseBody { writer in
            do {
                try await writer.write(ByteBuffer(bytes: events.role))
                for (index, piece) in events.pieces.enumerated() {
                    if index > 0, delay > .zero { try await pause(for: delay) }
                    try await writer.write(ByteBuffer(bytes: piece))
                    state.withLock { $0.sentStreamChunks += 1 }
                }
            } catch {
                state.withLock { $0.abortedStreams += 1 }
                throw error
            }
            if dropsConnection {
                // Throwing after the head makes the server close the connection mid-body.
                throw FakeProviderError.droppedOnPurpose
            }
            try await writer.write(ByteBuffer(bytes: events.ending))
            try await writer.finish(nil)
        }
        let headers: HTTPFields = [
            .contentType: "text/event-stream",
            .cacheControl: "no-cache",
            HTTPField.Name("X-Request-Id")!: "req_fake\(call)",
        ]
        return .streamed(Response(status: .ok, headers: headers, body: body))
    }
}

/// Remembers which connection a request came over.
private struct FakeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let clientPort: Int?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientPort = source.channel.remoteAddress?.port
    }
}

/// A delay that ``FakeProvider/stop()`` cuts short, so stopping never waits for a stall.
private func pause(for duration: Duration) async throws {
    try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
}

enum FakeProviderError: Error {
    case didNotStart
    case droppedOnPurpose
}

