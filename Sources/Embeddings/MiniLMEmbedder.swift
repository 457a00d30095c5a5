import CBlas
import Foundation

/// all-MiniLM-L6-v2 sentence embeddings computed in-process: BERT tokenizer, a 6-layer
/// encoder on OpenBLAS, mean pooling and L2 normalisation (384 dimensions); on request also the
/// token states the vector was pooled from (``TokenStateEmbedder``).
///
/// Thread-safe: `embedBatch` may be called from any number of threads at once (each call
/// borrows its own scratch workspace); `embed` and `embedWithTokenStates` run the work on the
/// embedder's own threads, sharing its batched passes.
public final class MiniLMEmbedder: TokenStateEmbedder, @unchecked Sendable {
    public static let defaultModelName = "all-MiniLM-L6-v2"

    public let dimensions: Int
    public let modelName: String
    public let tokenizer: BertTokenizer
    /// Upper bound on packed tokens per forward pass; larger batches are split.
    public let maxTokensPerPass: Int

    let encoder: BertEncoder
    private let pass: EncodingPass
    private let queue: InferenceQueue<EncodingPass.Request, EncodingPass.Output>

    /// Loads `config.json`, `vocab.txt` and `model.safetensors` from `modelDirectory`.
    ///
    /// - Parameters:
    ///   - workerThreads: threads that serve `embed`; one is right on a small machine (see
    ///     docs/BENCHMARKS.md), concurrent requests are batched onto it.
    ///   - blasThreads: OpenBLAS threads (a process-wide setting). `nil` keeps
    ///     `OPENBLAS_NUM_THREADS` if set, otherwise uses 1.
    public init(
        modelDirectory: String,
        modelName: String = MiniLMEmbedder.defaultModelName,
        workerThreads: Int = 1,
        blasThreads: Int? = nil,
        maxTokensPerPass: Int = 4096
    ) throws {
        let dir = URL(fileURLWithPath: modelDirectory)
        let config = try BertConfig.load(path: dir.appendingPathComponent("config.json").path)
        let tokenizer = try BertTokenizer(
            vocabularyFile: dir.appendingPathComponent("vocab.txt").path,
            maxLength: min(256, config.maxPositionEmbeddings)
        )
        guard tokenizer.tokens.count == config.vocabSize else {
            throw EmbeddingsError.invalidFormat(
                path: dir.appendingPathComponent("vocab.txt").path,
                reason: "\(tokenizer.tokens.count) tokens, config.json says vocab_size \(config.vocabSize)")
        }
        let file = try SafeTensorsFile(path: dir.appendingPathComponent("model.safetensors").path)
        let encoder = BertEncoder(weights: try BertWeights(file: file, config: config))

        Self.configureBLAS(threads: blasThreads)
        self.dimensions = config.hiddenSize
        self.modelName = modelName
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.maxTokensPerPass = max(maxTokensPerPass, tokenizer.maxLength)
        let pass = EncodingPass(
            tokenizer: tokenizer, encoder: encoder, workspaces: WorkspacePool(config: config), maxTokensPerPass: self.maxTokensPerPass)
        self.pass = pass
        self.queue = InferenceQueue(workers: workerThreads, maxRequestsPerPass: 256, name: "embeddings", run: pass.run)
    }

    deinit {
        queue.shutdown()
    }

    /// The model reads 256 tokens; a longer text's vector is that of its beginning.
    public func embedsWhole(_ text: String) -> Bool { tokenizer.fits(text) }

    /// Sets OpenBLAS's thread count (process-wide): `threads`, else `OPENBLAS_NUM_THREADS`, else 1.
    /// The kernels OpenBLAS chose (from `OPENBLAS_CORETYPE` or by detecting the CPU), for the start-up log.
    public static var blasCoreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    public static func configureBLAS(threads: Int?) {
        if let threads {
            openblas_set_num_threads(Int32(max(1, threads)))
        } else if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
            openblas_set_num_threads(1)
        }
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        if texts.isEmpty { return [] }
        return try await queue.submit(requests(texts, tokenStates: false)).map(\.vector)
    }

    public func embedWithTokenStates(_ texts: [String]) async throws -> [TokenStates] {
        if texts.isEmpty { return [] }
        return try await queue.submit(requests(texts, tokenStates: true)).map { output in
            guard case .tokenStates(let states) = output else { preconditionFailure("token states were asked for") }
            return states
        }
    }

    /// Embeds on the calling thread (blocking). One unit vector per text, in order.
    public func embedBatch(_ texts: [String]) -> [[Float]] {
        pass.run(requests(texts, tokenStates: false)).map(\.vector)
    }

    /// Embeds already tokenized sequences (ids incl. [CLS]/[SEP]) on the calling thread.
    public func embed(tokenIDs: [[Int32]]) -> [[Float]] {
        pass.encode(tokenIDs, tokenStates: tokenIDs.map { _ in false }).map(\.vector)
    }

    private func requests(_ texts: [String], tokenStates: Bool) -> [EncodingPass.Request] {
        texts.map { EncodingPass.Request(text: $0, tokenStates: tokenStates) }
    }

    /// Stops the worker threads; pending `embed` calls finish, later ones throw.
    public func shutdown() {
        queue.shutdown()
    }
}

/// Hands out scratch workspaces, one per concurrent forward pass, and keeps them for reuse.
final class WorkspacePool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Workspace] = []
    private let config: BertConfig

    init(config: BertConfig) {
        self.config = config
    }

    func take() -> Workspace {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? Workspace(config: config)
    }

    func give(_ ws: Workspace) {
        lock.lock()
        free.append(ws)
        lock.unlock()
    }
}
