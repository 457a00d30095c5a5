import HTTPTypes

/// Response headers that tell the client how the cache served it.
enum CacheHeaders {
    static let cache = HTTPField.Name("x-cache")!
    static let match = HTTPField.Name("x-cache-match")!
    static let similarity = HTTPField.Name("x-cache-similarity")!
    static let key = HTTPField.Name("x-cache-key")!
    static let age = HTTPField.Name("age")!

    static func outcome(_ outcome: CacheOutcome) -> HTTPFields {
        var headers = HTTPFields()
        headers[cache] = outcome.headerValue
        return headers
    }
}
