/// The seam to where cached answers live. Production uses ``RedisResponseStore``.
///
/// Every method may throw when the store is unavailable; callers then bypass the cache rather
/// than fail the request.
public protocol ResponseStore: Sendable {
    func entry(forKey key: String) async throws -> CachedCompletion?
    /// Several entries in one round trip, semantic ones with their vectors (`semantic.vector`),
    /// so a semantic lookup can score its candidates exactly as it reads them.
    func entriesWithVectors(forKeys keys: [String]) async throws -> [CachedCompletion?]
    func save(_ entry: CachedCompletion, forKey key: String, ttl: Duration) async throws
    /// Answers within the store's command timeout; used by `/readyz`.
    func isReachable() async -> Bool

    /// The live vectors of one context, to load the semantic index lazily.
    func vectors(inContext context: String) async throws -> [IndexedVector]
    /// Follows the changes every sidecar sharing this store makes to the semantic index and
    /// hands them to `apply`, until the task is cancelled.
    func followChanges(_ apply: @escaping @Sendable (IndexChange) -> Void) async

    /// Deletes entries with their index memberships, and tells every sidecar to drop their
    /// vectors; returns how many live entries were deleted.
    func evict(_ selection: EntrySelection) async throws -> Int
    /// Live entries stored for each model.
    func entryCounts(models: [String]) async throws -> [String: Int]
    /// The lowest similarity a semantic match in this context may have, if a report raised it.
    func similarityFloor(context: String) async throws -> Double?
    /// Raises (never lowers) the context's floor; returns the floor now in force.
    func raiseSimilarityFloor(context: String, to floor: Double) async throws -> Double
}

/// Which entries an eviction removes.
public enum EntrySelection: Sendable, Equatable {
    /// One entry, by the exact key responses carry in `X-Cache-Key`.
    case key(String)
    case model(String)
    /// A tenant scope id (what `X-Cache-Tenant` shows; never a credential).
    case scope(String)
    case all
}
