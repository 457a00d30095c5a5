import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `/admin/…`, present only when `SIDECAR_ADMIN_TOKEN` is set (404 otherwise) and answered only
/// with that token as `Authorization: Bearer` (401 otherwise).
///
/// - `POST /admin/invalidate` with exactly one of `{"model"}`, `{"tenant"}` (the `X-Cache-Tenant`
///   of a response), `{"api_key"}` (hashed into its tenant here, never kept), `{"key"}` (an
///   `X-Cache-Key`) or `{"all": true}`: deletes those entries everywhere.
/// - `POST /admin/report` with `{"key", "similarity"?}`: a served hit was wrong. The entry is
///   deleted and, for a semantic entry, its context's similarity floor is raised above the
///   reported similarity (or, without one, 0.02 above the threshold in force), so the same pair
///   never matches again.
struct AdminEndpoints: Sendable {
    let token: AdminToken?
    let store: any ResponseStore
    let semantic: SemanticCache?
    let configuration: SidecarConfiguration
    let logger: Logger

    /// How far above a reported similarity the floor goes: `X-Cache-Similarity` has three
    /// decimals, so the true value is at most 0.0005 above what the client saw.
    static let floorMargin = 0.001
    /// How much a report without a similarity raises the floor.
    static let floorStep = 0.02

    func invalidate(_ request: Request) async -> Response {
        do throws(OpenAIError) {
            let body = try await authorizedBody(request)
            let selection = try Self.selection(in: body, scopeMode: configuration.cacheScope)
            let evicted = try await evict(selection)
            logger.notice("admin invalidation", metadata: ["selection": "\(Self.describe(selection))", "evicted": "\(evicted)"])
            return Self.json(.object(JSONObject([("evicted", .integer(Int64(evicted)))])))
        } catch {
            return error.response()
        }
    }

    func report(_ request: Request) async -> Response {
        do throws(OpenAIError) {
            let body = try await authorizedBody(request)
            guard let key = body["key"]?.stringValue, !key.isEmpty else { throw OpenAIError.missingParameter("key") }
            let similarity = body["similarity"]?.doubleValue
            guard let entry = try await storeCall({ try await store.entry(forKey: key) }) else {
                throw OpenAIError(status: .notFound, message: "No cache entry has the key '\(key)'.", param: "key", code: "entry_not_found")
            }
            let evicted = try await evict(.key(key))
            var floor: JSONValue = .null
            if let context = entry.semantic?.context {
                let threshold = configuration.models.settings(for: entry.model).similarityThreshold
                let current = max(threshold, try await storeCall({ try await store.similarityFloor(context: context) }) ?? 0)
                let proposed = similarity.map { $0 + Self.floorMargin } ?? current + Self.floorStep
                let raised = try await storeCall({ try await store.raiseSimilarityFloor(context: context, to: min(1, proposed)) })
                floor = .double(raised)
            }
            logger.notice("admin wrong-hit report", metadata: ["key": "\(key)", "floor": "\(floor)"])
            return Self.json(.object(JSONObject([("evicted", .integer(Int64(evicted))), ("similarity_floor", floor)])))
        } catch {
            return error.response()
        }
    }

    // MARK: Helpers

    /// The request's JSON object, once the token is checked.
    private func authorizedBody(_ request: Request) async throws(OpenAIError) -> JSONObject {
        guard let token else { throw OpenAIError(status: .notFound, message: "Not found.", code: "not_found") }
        guard token.accepts(request.headers) else {
            throw OpenAIError(
                status: .unauthorized, message: "The admin API needs 'Authorization: Bearer <SIDECAR_ADMIN_TOKEN>'.",
                code: "invalid_admin_token")
        }
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            throw OpenAIError.bodyTooLarge(limit: 64 * 1024)
        }
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(Array(buffer: bytes))
        } catch {
            throw OpenAIError.invalidJSON("\(error)")
        }
        guard case .object(let object) = parsed else { throw OpenAIError.invalidJSON("expected an object") }
        return object
    }

    static func selection(in body: JSONObject, scopeMode: SidecarConfiguration.CacheScope) throws(OpenAIError) -> EntrySelection {
        var found: [EntrySelection] = []
        if let model = body["model"]?.stringValue { found.append(.model(model)) }
        if let tenant = body["tenant"]?.stringValue { found.append(.scope(tenant)) }
        if let apiKey = body["api_key"]?.stringValue {
            found.append(.scope(TenantScope.of([.authorization: "Bearer \(apiKey)"], mode: scopeMode).id))
        }
        if let key = body["key"]?.stringValue { found.append(.key(key)) }
        if body["all"]?.boolValue == true { found.append(.all) }
        guard found.count == 1, let selection = found.first else {
            throw OpenAIError(
                status: .badRequest, message: "Give exactly one of 'model', 'tenant', 'api_key', 'key' or 'all': true.",
                code: "invalid_selection")
        }
        return selection
    }

    /// Deletes in the store, and drops a single semantic entry's vector here at once.
    private func evict(_ selection: EntrySelection) async throws(OpenAIError) -> Int {
        var context: String?
        if case .key(let key) = selection, semantic != nil {
            context = try await storeCall({ try await store.entry(forKey: key) })?.semantic?.context
        }
        let evicted = try await storeCall({ try await store.evict(selection) })
        if case .key(let key) = selection, let context { semantic?.didEvict(key: key, context: context) }
        return evicted
    }

    private func storeCall<T>(_ body: () async throws -> T) async throws(OpenAIError) -> T {
        do {
            return try await body()
        } catch {
            throw OpenAIError(status: .serviceUnavailable, message: "The cache store is unavailable: \(error).", type: "server_error", code: "store_unavailable")
        }
    }

    /// For the log line: never the api_key (it became a tenant digest already).
    private static func describe(_ selection: EntrySelection) -> String {
        switch selection {
        case .key(let key): "key \(key)"
        case .model(let model): "model \(model)"
        case .scope(let scope): "tenant \(scope)"
        case .all: "all"
        }
    }

    private static func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.compact(value))))
    }
}
