import HTTPTypes
import Hummingbird
import NIOCore

/// A completion request read off the wire and checked: everything the endpoint decides from.
struct CompletionCall: Sendable {
    let request: CompletionRequest
    let rawBody: ByteBuffer
    let head: HTTPRequest
    let scope: TenantScope
    let keys: CacheKeys
    let directives: CacheDirectives

    var path: String { head.path ?? "/" }

    /// Reads and validates the body, refusing oversized or non-JSON input before parsing it.
    static func read(_ request: Request, configuration: SidecarConfiguration) async throws(OpenAIError) -> CompletionCall {
        let headers = request.headers
        if let contentType = headers[.contentType], !isJSON(contentType) {
            throw .unsupportedMediaType(contentType)
        }
        let limit = configuration.maxBodyBytes
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw .bodyTooLarge(limit: limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(limit: limit)
        } catch {
            throw OpenAIError(status: .badRequest, message: "The request body could not be read: \(error).", code: "body_read_failed")
        }
        let completion = try CompletionRequest.parse(body.readableBytesView)
        let directives = try CacheDirectives.from(headers)
        let scope = TenantScope.of(headers, mode: configuration.cacheScope)
        let path = request.head.path ?? "/"
        return CompletionCall(
            request: completion, rawBody: body, head: request.head, scope: scope,
            keys: CacheKeys(scope: scope, path: path, request: completion), directives: directives)
    }

    /// `application/json`, with parameters, or any `+json` type.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingWhitespace.lowercased() } ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    /// The provider may take longer to write a longer answer.
    func upstreamTimeout(base: Duration) -> Duration {
        let tokens = min(request.maxTokens ?? 0, 128_000)
        return min(base + .milliseconds(50 * tokens), .seconds(900))
    }
}
