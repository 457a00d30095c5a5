/// The seam between the cache and whatever turns text into vectors.
///
/// Vectors are L2-normalised, so a dot product is their cosine similarity.
public protocol Embedder: Sendable {
    /// Length of every vector this embedder returns.
    var dimensions: Int { get }
    /// A name that identifies the model; vectors from different models are never compared.
    var modelName: String { get }
    /// Embeds several texts at once (batched where the implementation can), one vector per text, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
    /// Whether the vector of `text` stands for all of it: false when the model reads only its
    /// beginning, so two texts that differ after that would look identical.
    func embedsWhole(_ text: String) -> Bool
}

extension Embedder {
    public func embedsWhole(_ text: String) -> Bool { true }
}
