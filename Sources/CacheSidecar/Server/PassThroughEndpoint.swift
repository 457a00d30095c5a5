import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Every path the sidecar does not cache goes to the provider unchanged: method, headers, body, status.
///
/// Both directions stream. A request body is buffered only when it is small and its length
/// known (up to ``bufferedBodyLimit``), so that the request can be retried; a larger or chunked
/// body goes upstream as the client sends it (``StreamedRequestBody``).
struct PassThroughEndpoint: Sendable {
    let upstream: any Upstream
    let configuration: SidecarConfiguration
    let logger: Logger

    /// Bodies up to this size, with a declared length, are read whole before forwarding.
    static let bufferedBodyLimit = 64 * 1024

    func respond(to request: Request, context: some RequestContext) async -> Response {
        let limit = configuration.maxBodyBytes
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > limit {
            return OpenAIError.bodyTooLarge(limit: limit).response()
        }
        let isChunked = request.headers[values: .transferEncoding].contains { $0.lowercased().contains("chunked") }
        var forwarded = UpstreamRequest(
            method: request.method, path: request.head.path ?? "/",
            headers: ForwardedHeaders.towardUpstream(request.headers), body: ByteBuffer(), timeout: configuration.upstreamTimeout)
        if isChunked || (declaredLength ?? 0) > Self.bufferedBodyLimit {
            forwarded.streamedBody = StreamedRequestBody(request.body, length: isChunked ? nil : declaredLength, limit: limit)
        } else {
            do {
                forwarded.body = try await request.body.collect(upTo: limit)
            } catch {
                return OpenAIError.bodyTooLarge(limit: limit).response()
            }
        }
        let streamed = forwarded.streamedBody
        do {
            let answer = try await upstream.send(forwarded)
            return Response(
                status: answer.status, headers: ForwardedHeaders.towardClient(answer.headers),
                body: ResponseBody { writer in
                    defer { streamed?.close() }
                    for try await chunk in answer.body { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        } catch {
            streamed?.close()
            if streamed?.failure is StreamedRequestBody.BodyTooLarge {
                return OpenAIError.bodyTooLarge(limit: limit).response()
            }
            logger.warning("pass-through failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return OpenAIError.from(upstreamError: error).response()
        }
    }
}
