import CBlas
import Foundation

/// all-MiniLM-L6-v2 sentence embeddings computed in-process: BERT tokenizer, a 6-layer
/// encoder on OpenBLAS, mean pooling and L2 normalisation (384 dimensions).
///
/// Thread-safe: `embedBatch` may be called from any number of threads at once (each call
/// borrows its own scratch workspace); `embed` runs the work on the embedder's own threads.
public final class MiniLMEmbedder: Embedder, @unchecked Sendable {
    public static let defaultModelName = "all-MiniLM-L6-v2"

    public let dimensions: Int
    public let modelName: String
    public let tokenizer: BertTokenizer
    /// Upper bound on packed tokens per forward pass; larger batches are split.
    public let maxTokensPerPass: Int

    let encoder: BertEncoder
    private let workspaces: WorkspacePool
    private let queue: InferenceQueue

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
        let workspaces = WorkspacePool(config: config)
        self.workspaces = workspaces
        let passTokens = self.maxTokensPerPass
        self.queue = InferenceQueue(workers: workerThreads, maxTextsPerPass: 256, name: "embeddings") { texts in
            Self.run(texts, tokenizer: tokenizer, encoder: encoder, workspaces: workspaces, maxTokensPerPass: passTokens)
        }
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
        return try await queue.submit(texts)
    }

    /// Embeds on the calling thread (blocking). One unit vector per text, in order.
    public func embedBatch(_ texts: [String]) -> [[Float]] {
        Self.run(texts, tokenizer: tokenizer, encoder: encoder, workspaces: workspaces, maxTokensPerPass: maxTokensPerPass)
    }

    /// Embeds already tokenized sequences (ids incl. [CLS]/[SEP]) on the calling thread.
    public func embed(tokenIDs: [[Int32]]) -> [[Float]] {
        Self.run(tokenIDs, encoder: encoder, workspaces: workspaces, maxTokensPerPass: maxTokensPerPass)
    }

    /// Stops the worker threads; pending `embed` calls finish, later ones throw.
    public func shutdown() {
        queue.shutdown()
    }

    private static func run(
        _ texts: [String], tokenizer: BertTokenizer, encoder: BertEncoder, workspaces: WorkspacePool, maxTokensPerPass: Int
    ) -> [[Float]] {
        run(texts.map(tokenizer.encode), encoder: encoder, workspaces: workspaces, maxTokensPerPass: maxTokensPerPass)
    }

    private static func run(
        _ sequences: [[Int32]], encoder: BertEncoder, workspaces: WorkspacePool, maxTokensPerPass: Int
    ) -> [[Float]] {
        if sequences.isEmpty { return [] }
        let h = encoder.config.hiddenSize
        let ws = workspaces.take()
        defer { workspaces.give(ws) }
        let output = UnsafeMutablePointer<Float>.allocate(capacity: sequences.count * h)
        defer { output.deallocate() }
        // Split into passes of at most maxTokensPerPass packed tokens (bounds scratch memory).
        var start = 0
        while start < sequences.count {
            var end = start
            var tokens = 0
            while end < sequences.count, end == start || tokens + sequences[end].count <= maxTokensPerPass {
                tokens += sequences[end].count
                end += 1
            }
            encoder.encode(Array(sequences[start..<end]), workspace: ws, output: output + start * h)
            start = end
        }
        return (0..<sequences.count).map { Array(UnsafeBufferPointer(start: output + $0 * h, count: h)) }
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
