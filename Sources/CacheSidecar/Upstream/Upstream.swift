import HTTPTypes
import NIOCore

/// The seam to the LLM provider. Production uses ``CurlUpstream``; tests point it at a fake provider.
public protocol Upstream: Sendable {
    /// Sends one request and returns as soon as the status line and headers have arrived.
    /// The body then streams through ``UpstreamResponse/body``; cancelling the task that iterates it,
    /// or dropping the iterator, cancels the transfer.
    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse
}

/// A request as the sidecar forwards it: the path is the client's, unchanged, appended to the upstream origin.
public struct UpstreamRequest: Sendable {
    public var method: HTTPRequest.Method
    /// Path and query exactly as the client sent them, e.g. `/v1/chat/completions`.
    public var path: String
    /// End-to-end headers only; hop-by-hop headers, `Host` and `Content-Length` are removed by the caller.
    public var headers: HTTPFields
    public var body: ByteBuffer
    /// Upper bound for the whole transfer, body included.
    public var timeout: Duration
    /// A body too large to buffer, sent as the client sends it, instead of ``body``. Such a request
    /// can be sent once only: it is retried only while curl has taken none of it.
    public var streamedBody: StreamedRequestBody?

    public init(
        method: HTTPRequest.Method, path: String, headers: HTTPFields, body: ByteBuffer, timeout: Duration,
        streamedBody: StreamedRequestBody? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.streamedBody = streamedBody
    }
}

/// The provider's answer: status and headers at once, the body as it arrives.
public struct UpstreamResponse: Sendable {
    public var status: HTTPResponse.Status
    /// End-to-end headers only (no `Content-Length`, `Transfer-Encoding`, `Content-Encoding`, `Connection`).
    public var headers: HTTPFields
    public var body: UpstreamBody

    public init(status: HTTPResponse.Status, headers: HTTPFields, body: UpstreamBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an upstream call produced no response at all.
public enum UpstreamError: Error, Equatable, Sendable {
    /// Could not connect, or the connection broke before a status line arrived.
    case connectionFailed(String)
    /// The connect or total timeout elapsed.
    case timedOut
    /// The transfer broke after the status line (the body is incomplete).
    case transferFailed(String)
}
