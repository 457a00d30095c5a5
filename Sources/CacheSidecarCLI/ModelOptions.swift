import ArgumentParser
import Embeddings
import Foundation

/// `--model-dir` for the commands that run the model themselves (`embed`, `explain`).
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model-dir"), help: "MODEL_DIR: folder with model.safetensors, vocab.txt, config.json.")
    var modelDirectory: String?

    /// The model, or exit 1 with the reason on stderr.
    func loadEmbedder() throws -> MiniLMEmbedder {
        let directory = modelDirectory ?? ProcessInfo.processInfo.environment["MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
        do {
            return try MiniLMEmbedder(modelDirectory: directory)
        } catch {
            FileHandle.standardError.write(Data("cache-sidecar: cannot load the model from \(directory): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
