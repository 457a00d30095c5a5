import Logging

/// Looks requests up in the store and keeps storable answers, failing open: when the store is
/// unavailable the request goes upstream as if there were no cache.
public struct CompletionCache: Sendable {
    public enum Lookup: Sendable {
        case hit(CachedCompletion)
        case miss
        /// The store could not be asked; the request must bypass the cache.
        case unavailable
    }

    let store: any ResponseStore
    let models: ModelSettingsTable
    let logger: Logger

    public init(store: any ResponseStore, models: ModelSettingsTable, logger: Logger) {
        self.store = store
        self.models = models
        self.logger = logger
    }

    public func lookup(_ keys: CacheKeys) async -> Lookup {
        do {
            guard let entry = try await store.entry(forKey: keys.exact) else { return .miss }
            return .hit(entry)
        } catch {
            logger.warning("cache unavailable, bypassing", metadata: ["error": "\(error)"])
            return .unavailable
        }
    }

    /// Keeps an answer and returns when it expires (ms since 1970); a failure only costs a
    /// future hit, so it is logged and answered with nil, never thrown.
    @discardableResult
    public func save(_ entry: CachedCompletion, keys: CacheKeys, ttl: Duration?) async -> Int64? {
        let ttl = ttl ?? models.settings(for: entry.model).ttl
        do {
            try await store.save(entry, forKey: keys.exact, ttl: ttl)
            return entry.storedAtMilliseconds + Int64(ttl.components.seconds) * 1000
        } catch {
            logger.warning("could not store a cache entry", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// What serving this entry saved, priced with the requested model's price table.
    func savedUsage(by entry: CachedCompletion, model: String) -> StatsRecorder.SavedUsage {
        let cost = models.settings(for: model).price?.cost(promptTokens: entry.promptTokens, completionTokens: entry.completionTokens) ?? 0
        return .init(promptTokens: entry.promptTokens, completionTokens: entry.completionTokens, cost: cost)
    }
}
