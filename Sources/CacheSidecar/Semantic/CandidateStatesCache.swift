import OrderedCollections
import Embeddings
import Synchronization

/// The token states of recently checked candidates, by entry, least recently used evicted first.
///
/// A candidate's states cost a forward pass over its stored prompt; a popular entry would pay it
/// on every hit. An entry's prompt never changes under its key (the key is a digest of the
/// request), so states stay valid for as long as they are kept. Bounded in entries and in bytes
/// (a 254-token prompt's states are 390 KB). Filled by a candidate's first check, and by storing:
/// an entry whose lookup computed its prompt's states goes in with them
/// (``SemanticCache/didStore(key:semantic:expiresAt:tokenStates:)``).
final class CandidateStatesCache: Sendable {
    let capacity: Int
    let byteLimit: Int
    private let state = Mutex<(entries: OrderedDictionary<EntryID, TokenStates>, bytes: Int)>(([:], 0))

    init(capacity: Int = 256, byteLimit: Int = 16 << 20) {
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    /// The entry's states, marked as just used.
    func states(for id: EntryID) -> TokenStates? {
        state.withLock { state in
            guard let found = state.entries.removeValue(forKey: id) else { return nil }
            state.entries[id] = found
            return found
        }
    }

    func insert(_ states: TokenStates, for id: EntryID) {
        let size = Self.bytes(states)
        guard capacity > 0, size <= byteLimit else { return }
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: id) { state.bytes -= Self.bytes(old) }
            while !state.entries.isEmpty, state.entries.count >= capacity || state.bytes + size > byteLimit {
                state.bytes -= Self.bytes(state.entries.removeFirst().value)
            }
            state.entries[id] = states
            state.bytes += size
        }
    }

    var count: Int { state.withLock { $0.entries.count } }

    private static func bytes(_ states: TokenStates) -> Int {
        (states.states.count + states.vector.count) * MemoryLayout<Float>.size
    }
}
