import HTTPTypes

/// What the client asked of the cache through request headers.
public struct CacheDirectives: Sendable, Equatable {
    /// False with `Cache-Control: no-cache` or `no-store`: the answer comes from upstream.
    public var lookup = true
    /// False with `Cache-Control: no-store` or `only-if-cached`: the answer is not kept.
    public var store = true
    /// `Cache-Control: only-if-cached` (RFC 9111 §5.2.1.7): answer from the cache or with a 504,
    /// never from upstream — to ask what the cache would serve without paying for a call.
    public var onlyIfCached = false
    /// `X-Cache-TTL: <seconds>` overrides the model's TTL for the entry this request stores.
    public var ttl: Duration?
    /// `X-Cache-Threshold: <0..1>` can only make semantic matching stricter than the model's threshold.
    public var minimumSimilarity: Double?
    /// `X-Cache-Alignment-Threshold: <0..1>` can only make the token-alignment stage stricter (or turn it on).
    public var minimumAlignment: Double?

    static let ttlHeader = HTTPField.Name("x-cache-ttl")!
    static let thresholdHeader = HTTPField.Name("x-cache-threshold")!
    static let alignmentThresholdHeader = HTTPField.Name("x-cache-alignment-threshold")!
    /// Longest TTL a request may ask for (30 days): a typo must not pin an entry forever.
    static let maximumTTLSeconds = 30 * 86400

    public init() {}

    public static func from(_ headers: HTTPFields) throws(OpenAIError) -> CacheDirectives {
        var directives = CacheDirectives()
        for value in headers[values: .cacheControl] {
            for directive in value.split(separator: ",") {
                switch directive.trimmingWhitespace.lowercased() {
                case "no-cache": directives.lookup = false
                case "no-store": directives.lookup = false; directives.store = false
                case "only-if-cached": directives.onlyIfCached = true; directives.store = false
                default: break
                }
            }
        }
        if let text = headers[ttlHeader] {
            guard let seconds = Int(text.trimmingWhitespace), seconds > 0, seconds <= maximumTTLSeconds else {
                throw .invalidHeader("X-Cache-TTL", "expected whole seconds between 1 and \(maximumTTLSeconds), got '\(text)'")
            }
            directives.ttl = .seconds(seconds)
        }
        if let text = headers[thresholdHeader] {
            guard let threshold = Double(text.trimmingWhitespace), threshold >= 0, threshold <= 1 else {
                throw .invalidHeader("X-Cache-Threshold", "expected a number between 0 and 1, got '\(text)'")
            }
            directives.minimumSimilarity = threshold
        }
        if let text = headers[alignmentThresholdHeader] {
            guard let threshold = Double(text.trimmingWhitespace), threshold >= 0, threshold <= 1 else {
                throw .invalidHeader("X-Cache-Alignment-Threshold", "expected a number between 0 and 1, got '\(text)'")
            }
            directives.minimumAlignment = threshold
        }
        return directives
    }
}

extension StringProtocol {
    var trimmingWhitespace: Substring {
        let scalars = Substring(self)
        let start = scalars.firstIndex { !$0.isWhitespace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.isWhitespace }.map { scalars.index(after: $0) } ?? start
        return scalars[start..<Swift.max(start, end)]
    }
}
