import Embeddings
import Foundation
import Logging
import ServiceLifecycle

/// Whether the semantic layer runs, and why not when it does not: operators read it on `/stats`.
public enum SemanticLayer: Sendable {
    case on(SemanticCache)
    /// Turned off on purpose: the sidecar is as ready as it means to be.
    case off(reason: String)
    /// Meant to be on, but the model could not be loaded: exact caching goes on, `/readyz` fails.
    case unavailable(reason: String)

    public var cache: SemanticCache? {
        if case .on(let cache) = self { return cache }
        return nil
    }

    /// Loads the local model; if it cannot be loaded the sidecar goes on with exact matching,
    /// and says why.
    public static func load(configuration: SidecarConfiguration, store: any ResponseStore, logger: Logger) -> SemanticLayer {
        guard configuration.semanticEnabled else { return .off(reason: "turned off by configuration (SEMANTIC=off)") }
        do {
            let embedder = try MiniLMEmbedder(modelDirectory: configuration.modelDirectory)
            logger.info("semantic layer on", metadata: [
                "model": "\(embedder.modelName)", "dir": "\(configuration.modelDirectory)", "blas": "\(MiniLMEmbedder.blasCoreName)",
            ])
            if let wordNet = WordNet.shared {
                logger.info("WordNet loaded for the contrast guard", metadata: ["senses": "\(wordNet.senseCount)"])
            } else {
                logger.warning("WordNet not found: the contrast guard is off (install wordnet-base, or set WORDNET_DIR)", metadata: [
                    "dir": "\(ProcessInfo.processInfo.environment["WORDNET_DIR"] ?? WordNet.defaultDirectory)",
                ])
            }
            var lookalikeGuard = LookalikeGuard()
            if !configuration.semanticGuardsEnabled {
                logger.warning("look-alike guards off (SEMANTIC_GUARDS=off): an evaluation setting, cosine similarity alone decides hits")
                lookalikeGuard = LookalikeGuard(rules: [])
            }
            return .on(SemanticCache(embedder: embedder, store: store, lookalikeGuard: lookalikeGuard, logger: logger))
        } catch {
            logger.error("semantic layer off: the model could not be loaded; exact caching goes on", metadata: [
                "dir": "\(configuration.modelDirectory)", "error": "\(error)",
            ])
            return .unavailable(reason: "model not loaded from \(configuration.modelDirectory): \(error)")
        }
    }
}

/// Keeps the semantic index in step with the store for as long as the server runs.
struct SemanticMaintenance: Service {
    let cache: SemanticCache

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await cache.maintain()
        }
    }
}
