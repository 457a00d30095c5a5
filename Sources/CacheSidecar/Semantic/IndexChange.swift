/// A change to the semantic index, made by this sidecar or heard from another through the store.
public enum IndexChange: Sendable, Equatable {
    case upsert(context: String, id: EntryID, vector: [Float], expiresAt: Int64)
    case remove(context: String, id: EntryID)
    /// Forget everything (the change feed was interrupted beyond recovery): reload lazily.
    case reset

    var context: String? {
        switch self {
        case .upsert(let context, _, _, _), .remove(let context, _): context
        case .reset: nil
        }
    }
}
