import ArgumentParser
import Embeddings

/// `cache-sidecar embed TEXT...`: one JSON array of floats per text, one per line.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Print the embedding of each text as a JSON array, one per line.")

    @OptionGroup var model: ModelOptions

    @Argument(help: "The texts to embed.")
    var texts: [String] = []

    func run() async throws {
        let embedder = try model.loadEmbedder()
        for vector in try await embedder.embed(texts) {
            print("[" + vector.map { "\($0)" }.joined(separator: ",") + "]")
        }
    }
}
