import Embeddings
import Logging
import Synchronization

/// The semantic layer: finds an entry asked in other words, in the same context, and refuses
/// look-alikes.
///
/// A candidate must pass four gates: its context key equals the request's (same tenant,
/// model, parameters, system prompt, earlier turns, tools); its cosine similarity reaches the
/// threshold; the ``LookalikeGuard`` finds no difference that changes the answer (numbers,
/// negation, dates, names, word order); and, for the one candidate that would be served, every
/// content token of each prompt finds a counterpart in the other (``TokenAlignment``).
public final class SemanticCache: Sendable {
    let embedder: any Embedder
    /// The same embedder when it can give token states; without it the alignment stage is skipped.
    let stateEmbedder: (any TokenStateEmbedder)?
    let store: any ResponseStore
    let index: SemanticIndex
    let lookalikeGuard: LookalikeGuard
    let candidateStates = CandidateStatesCache()
    /// Forward passes made over a candidate's stored prompt, because its states were not cached.
    private let candidatePassCount = Atomic<Int>(0)
    let logger: Logger

    public struct Match: Sendable {
        public var key: String
        public var entry: CachedCompletion
        public var similarity: Float
        /// The token alignment, when the stage ran.
        public var alignment: Float?
        /// The stage was asked for but the embedder cannot give token states: served without it.
        public var alignmentSkipped = false
    }

    /// The stage that refused the last candidate checked, and for the guards which rule.
    public enum Refusal: Sendable, Equatable {
        case guards(rule: String)
        case alignment

        /// `guards` or `alignment` (metrics' `stage` label).
        public var stage: String {
            switch self {
            case .guards: "guards"
            case .alignment: "alignment"
            }
        }

        /// The refusing guard rule's name (``GuardRule/name``), or `alignment` (metrics' `rule` label).
        public var rule: String {
            switch self {
            case .guards(let rule): rule
            case .alignment: "alignment"
            }
        }
    }

    public enum Lookup: Sendable {
        case hit(Match)
        /// Nothing served; `refusedBy` is nil when no candidate reached the threshold.
        case miss(refusedBy: Refusal?)
    }

    /// A prompt's embedding, with its token states when the alignment stage will need them.
    struct Query: Sendable {
        var vector: [Float]
        var tokenStates: TokenStates?
    }

    public init(embedder: any Embedder, store: any ResponseStore, lookalikeGuard: LookalikeGuard = LookalikeGuard(), logger: Logger) {
        self.embedder = embedder
        self.stateEmbedder = embedder as? any TokenStateEmbedder
        self.store = store
        self.index = SemanticIndex(dimensions: embedder.dimensions)
        self.lookalikeGuard = lookalikeGuard
        self.logger = logger
    }

    /// Whether the prompt can be compared by meaning at all: a prompt longer than the model's
    /// window would match any other with the same beginning, so it is matched exactly only.
    func accepts(_ prompt: String) -> Bool { embedder.embedsWhole(prompt) }

    /// The prompt's embedding — with its token states, from the same pass, when `tokenStates` and
    /// the embedder can — or nil (and the request is matched exactly only) if the model failed.
    func embed(_ prompt: String, tokenStates: Bool) async -> Query? {
        do {
            if tokenStates, let stateEmbedder, let states = try await stateEmbedder.embedWithTokenStates([prompt]).first {
                return Query(vector: states.vector, tokenStates: states)
            }
            return try await embedder.embed([prompt]).first.map { Query(vector: $0) }
        } catch {
            logger.warning("embedding failed, semantic lookup skipped", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The most similar entry of the context that reaches `threshold` — and the context's floor,
    /// if wrong-hit reports raised it — and passes the guards, if it also passes `alignment`. The
    /// similarity decided on and reported is the exact float32 one, computed from the vector stored
    /// with each candidate.
    func lookup(prompt: String, query: Query, context: String, model: String, threshold: Double, alignment: AlignmentRule) async -> Lookup {
        let store = self.store
        guard let vectors = await index.vectors(for: context, model: model, load: { try await store.vectors(inContext: context) }) else { return .miss(refusedBy: nil) }
        // Scores are float32 and compared with the threshold in float32, as they always were.
        let candidates = await vectors.search(query.vector, minimum: Float(threshold))
        guard !candidates.isEmpty else { return .miss(refusedBy: nil) }
        // Asked only when there is a candidate, so misses cost no extra round trip.
        let floor = try? await store.similarityFloor(context: context)
        let minimum = max(Float(threshold), floor.map(Self.lowestFloat(notBelow:)) ?? 0)
        var ranking = ExactRanking<CachedCompletion>(candidates, query: query.vector, minimum: minimum)
        let fetch: ExactRanking<CachedCompletion>.Fetch = { ids in
            try await store.entriesWithVectors(forKeys: ids.map(\.hex)).map { entry in
                entry.flatMap { entry in entry.semantic.map { (entry, $0.vector) } }
            }
        }
        let incoming = LookalikeGuard.features(of: prompt)
        var refusedBy: Refusal?
        for _ in 0..<CandidateSet.checkedLimit {
            // A store that fails mid-lookup makes it a miss, as a missing entry would.
            guard let candidate = (try? await ranking.next(fetch: fetch)) ?? nil else { break }
            guard let semantic = candidate.entry.semantic, semantic.context == context else {
                continue  // expired or evicted since the index last heard of it
            }
            if let refusal = lookalikeGuard.refusal(cached: LookalikeGuard.features(of: semantic.prompt), incoming: incoming) {
                logger.debug("semantic candidate refused", metadata: [
                    "rule": "\(refusal.rule)", "similarity": "\(candidate.similarity)",
                ])
                refusedBy = .guards(rule: refusal.rule)
                continue
            }
            let match = Match(key: candidate.id.hex, entry: candidate.entry, similarity: candidate.similarity)
            // Only the candidate that would be served is checked: a worse one is not tried instead.
            return await aligned(match, id: candidate.id, storedPrompt: semantic.prompt, query: query, rule: alignment)
        }
        return .miss(refusedBy: refusedBy)
    }

    /// The second stage, on the candidate that passed threshold and guards: served with its score,
    /// or refused. Skipped (and said so) when the embedder gives no token states.
    private func aligned(_ match: Match, id: EntryID, storedPrompt: String, query: Query, rule: AlignmentRule) async -> Lookup {
        var match = match
        guard rule.isOn else { return .hit(match) }
        guard let queryStates = query.tokenStates, stateEmbedder != nil else {
            match.alignmentSkipped = true
            return .hit(match)
        }
        guard let states = await candidateStates(id, prompt: storedPrompt) else { return .miss(refusedBy: .alignment) }
        let score = TokenAlignment.score(queryStates, states)
        if let required = rule.minimum, Double(score) < required {
            logger.debug("semantic candidate refused", metadata: [
                "stage": "alignment", "alignment": "\(score)", "similarity": "\(match.similarity)",
            ])
            return .miss(refusedBy: .alignment)
        }
        match.alignment = score
        return .hit(match)
    }

    /// A candidate's token states: from the cache, or a forward pass over its stored prompt. Nil if
    /// the model failed, and the candidate is not served: an unchecked answer could be a wrong one.
    private func candidateStates(_ id: EntryID, prompt: String) async -> TokenStates? {
        if let cached = candidateStates.states(for: id) { return cached }
        candidatePassCount.add(1, ordering: .relaxed)
        do {
            guard let states = try await stateEmbedder?.embedWithTokenStates([prompt]).first else { return nil }
            candidateStates.insert(states, for: id)
            return states
        } catch {
            logger.warning("embedding a candidate failed, not served", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The smallest float32 at or above a floor: a float32 score reaches it exactly when the
    /// score, widened, reaches the floor (a floor is a Double from Redis).
    static func lowestFloat(notBelow value: Double) -> Float {
        let nearest = Float(value)
        return Double(nearest) < value ? nearest.nextUp : nearest
    }

    /// Makes a stored entry findable by this sidecar's next lookup at once (others hear of it
    /// through the store's change feed). `tokenStates` are the stored prompt's, when its lookup
    /// computed them for the alignment stage: kept as the entry's candidate states, so this
    /// sidecar's first hit on it needs no forward pass over the prompt it has just embedded.
    func didStore(key: String, semantic: SemanticFields, expiresAt: Int64, tokenStates: TokenStates? = nil) {
        guard let id = EntryID(hex: key) else { return }
        index.apply(.upsert(context: semantic.context, id: id, vector: semantic.vector, expiresAt: expiresAt))
        if let tokenStates { candidateStates.insert(tokenStates, for: id) }
    }

    /// Drops an evicted entry's vector at once (other sidecars hear of it through the change feed).
    func didEvict(key: String, context: String) {
        guard let id = EntryID(hex: key) else { return }
        index.apply(.remove(context: context, id: id))
    }

    /// Follows other sidecars' changes and sweeps expired vectors, until cancelled.
    public func maintain() async {
        await withTaskGroup(of: Void.self) { group in
            let index = self.index
            let store = self.store
            group.addTask { await store.followChanges { index.apply($0) } }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(5))
                    index.sweep(now: WallClock.milliseconds)
                }
            }
        }
    }

    /// How many candidates' states were not cached and cost a forward pass (`/stats`).
    var candidateStatePasses: Int { candidatePassCount.load(ordering: .relaxed) }

    var indexSize: SemanticIndex.Size { index.size() }
    var indexSizesByModel: [String: SemanticIndex.Size] { index.sizesByModel() }
}

