import ArgumentParser
import Embeddings
import Foundation

/// `cache-sidecar embed TEXT...`: one JSON array of floats per text, one per line.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Print the embedding of each text as a JSON array, one per line.")

    @Option(name: .customLong("model-dir"), help: "MODEL_DIR: folder with model.safetensors, vocab.txt, config.json.")
    var modelDirectory: String?

    @Argument(help: "The texts to embed.")
    var texts: [String] = []

    func run() async throws {
        let directory = modelDirectory ?? ProcessInfo.processInfo.environment["MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
        let embedder: MiniLMEmbedder
        do {
            embedder = try MiniLMEmbedder(modelDirectory: directory)
        } catch {
            FileHandle.standardError.write(Data("cache-sidecar: cannot load the model from \(directory): \(error)\n".utf8))
            throw ExitCode(1)
        }
        for vector in try await embedder.embed(texts) {
            print("[" + vector.map { "\($0)" }.joined(separator: ",") + "]")
        }
    }
}
