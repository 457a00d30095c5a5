/// The seam to where cached answers live. Production uses ``RedisResponseStore``.
///
/// Every method may throw when the store is unavailable; callers then bypass the cache rather
/// than fail the request.
public protocol ResponseStore: Sendable {
    func entry(forKey key: String) async throws -> CachedCompletion?
    func save(_ entry: CachedCompletion, forKey key: String, ttl: Duration) async throws
    /// Answers within the store's command timeout; used by `/readyz`.
    func isReachable() async -> Bool

    /// The live vectors of one context, to load the semantic index lazily.
    func vectors(inContext context: String) async throws -> [IndexedVector]
    /// Follows the changes every sidecar sharing this store makes to the semantic index and
    /// hands them to `apply`, until the task is cancelled.
    func followChanges(_ apply: @escaping @Sendable (IndexChange) -> Void) async
}
