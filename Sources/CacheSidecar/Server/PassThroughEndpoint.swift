import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Every path the sidecar does not cache goes to the provider unchanged: method, headers, body, status.
struct PassThroughEndpoint: Sendable {
    let upstream: any Upstream
    let configuration: SidecarConfiguration
    let logger: Logger

    func respond(to request: Request, context: some RequestContext) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch {
            return OpenAIError.bodyTooLarge(limit: configuration.maxBodyBytes).response()
        }
        let forwarded = UpstreamRequest(
            method: request.method, path: request.head.path ?? "/",
            headers: ForwardedHeaders.towardUpstream(request.headers), body: body, timeout: configuration.upstreamTimeout)
        do {
            let answer = try await upstream.send(forwarded)
            return Response(status: answer.status, headers: ForwardedHeaders.towardClient(answer.headers), body: .init(asyncSequence: answer.body))
        } catch {
            logger.warning("pass-through failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return OpenAIError.from(upstreamError: error).response()
        }
    }
}
