import Embeddings
import Foundation
import Testing

/// Locations and fixtures shared by the tests.
enum Support {
    /// The package root, found from this file's path (Tests/EmbeddingsTests/Support.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `MODEL_DIR`, else models/all-MiniLM-L6-v2 under the package root.
    static var modelDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["MODEL_DIR"], !dir.isEmpty {
            return dir.hasPrefix("/") ? dir : packageRoot.appendingPathComponent(dir).path
        }
        return packageRoot.appendingPathComponent("models/all-MiniLM-L6-v2").path
    }

    /// Fails (never skips) when the model is absent: the test command fetches it first.
    static func requireModelFile(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: modelDirectory).appendingPathComponent(name).path
        try #require(
            FileManager.default.fileExists(atPath: path),
            "model file \(path) is missing: run scripts/fetch-model.sh (or set MODEL_DIR) before the tests"
        )
        return path
    }

    struct Golden: Decodable {
        let text: String
        let ids: [Int32]
        let tokens: [String]
        let embedding: [Float]
    }

    struct Goldens: Decodable {
        let model: String
        let max_length: Int
        let cases: [Golden]
    }

    static let goldens: Goldens = {
        let url = fixtures.appendingPathComponent("goldens.json")
        do {
            return try JSONDecoder().decode(Goldens.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot load \(url.path): \(error)")
        }
    }()

    /// One embedder for the whole test run (loading maps the file; cheap, but no need to repeat).
    nonisolated(unsafe) private static var shared: MiniLMEmbedder?
    private static let lock = NSLock()

    static func embedder() throws -> MiniLMEmbedder {
        _ = try requireModelFile("model.safetensors")
        _ = try requireModelFile("vocab.txt")
        _ = try requireModelFile("config.json")
        lock.lock()
        defer { lock.unlock() }
        if let shared { return shared }
        let e = try MiniLMEmbedder(modelDirectory: modelDirectory)
        shared = e
        return e
    }

    static func tokenizer() throws -> BertTokenizer {
        try BertTokenizer(vocabularyFile: try requireModelFile("vocab.txt"))
    }

    static func maxAbsDiff(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count)
        var m: Float = 0
        for i in a.indices { m = max(m, abs(a[i] - b[i])) }
        return m
    }
}
