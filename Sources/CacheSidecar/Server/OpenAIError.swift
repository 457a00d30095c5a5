import Hummingbird
import NIOCore

/// An error in the shape OpenAI's clients parse: `{"error":{"message","type","param","code"}}`.
public struct OpenAIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    public var type: String
    public var param: String?
    public var code: String?

    public init(status: HTTPResponse.Status, message: String, type: String = "invalid_request_error", param: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    public var body: JSONValue {
        .object(JSONObject([
            ("error", .object(JSONObject([
                ("message", .string(message)),
                ("type", .string(type)),
                ("param", param.map(JSONValue.string) ?? .null),
                ("code", code.map(JSONValue.string) ?? .null),
            ])))
        ]))
    }

    public func response(headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.compact(body))))
    }
}

extension OpenAIError {
    static func invalidJSON(_ detail: String) -> OpenAIError {
        OpenAIError(status: .badRequest, message: "We could not parse the JSON body of your request: \(detail).", code: "invalid_json")
    }

    static func missingParameter(_ name: String) -> OpenAIError {
        OpenAIError(status: .badRequest, message: "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
    }

    static func invalidType(_ name: String, expected: String) -> OpenAIError {
        OpenAIError(status: .badRequest, message: "Invalid type for '\(name)': expected \(expected).", param: name, code: "invalid_type")
    }

    static func invalidHeader(_ name: String, _ problem: String) -> OpenAIError {
        OpenAIError(status: .badRequest, message: "Invalid value for header '\(name)': \(problem).", param: name, code: "invalid_header")
    }

    static func bodyTooLarge(limit: Int) -> OpenAIError {
        OpenAIError(status: .contentTooLarge, message: "Request body is larger than the limit of \(limit) bytes.", code: "request_too_large")
    }

    static func unsupportedMediaType(_ contentType: String?) -> OpenAIError {
        OpenAIError(
            status: .unsupportedMediaType,
            message: "Content-Type must be application/json, got '\(contentType ?? "none")'.", code: "unsupported_media_type")
    }

    static func upstreamUnavailable(_ detail: String) -> OpenAIError {
        OpenAIError(status: .badGateway, message: "The upstream provider could not be reached: \(detail).", type: "upstream_error", code: "upstream_unavailable")
    }

    /// `Cache-Control: only-if-cached` and nothing in the cache answers the request.
    static let notCached = OpenAIError(
        status: .gatewayTimeout, message: "No cached answer for this request, and Cache-Control: only-if-cached forbids asking upstream.",
        type: "cache_error", code: "not_cached")

    static let upstreamTimedOut = OpenAIError(
        status: .gatewayTimeout, message: "The upstream provider did not answer in time.", type: "upstream_error", code: "upstream_timeout")
}
