import HTTPTypes

/// Response headers that tell the client how the cache served it.
enum CacheHeaders {
    static let cache = HTTPField.Name("x-cache")!
    static let match = HTTPField.Name("x-cache-match")!
    static let similarity = HTTPField.Name("x-cache-similarity")!
    /// The served candidate's token alignment, when the stage ran.
    static let alignment = HTTPField.Name("x-cache-alignment")!
    static let key = HTTPField.Name("x-cache-key")!
    /// The tenant scope id (a digest, or `shared`/`anonymous`), for the admin API's invalidation.
    static let tenant = HTTPField.Name("x-cache-tenant")!
    static let age = HTTPField.Name("age")!

    static func outcome(_ outcome: CacheOutcome) -> HTTPFields {
        var headers = HTTPFields()
        headers[cache] = outcome.headerValue
        return headers
    }
}
