#if canImport(Glibc)
import Glibc
#endif

/// The encoder's parameters. Embedding tables stay views into the mapped safetensors file
/// (only the rows of tokens actually seen are ever paged in); the layers are copied (below).
///
/// Projection matrices are stored transposed, [in × out], so each linear layer is a plain
/// `x · W` GEMM (no transpose flag): OpenBLAS packs a non-transposed right operand faster (the
/// 24 GEMMs of a pass took 12–15 % less time at 16 tokens than with the file's [out × in]
/// layout), and each is kept a second time in narrow blocks for short passes (`Projection`).
/// Query, key and value sit side by side as one [hidden × 3·hidden] matrix, so a single
/// product gives Q | K | V for all tokens.
final class BertWeights: @unchecked Sendable {
    struct Layer {
        let qkv: Projection  // [H × 3H], columns: query, key, value
        let qkvBias: UnsafePointer<Float>  // [3H]
        let out: Projection  // [H × H]
        let outBias: UnsafePointer<Float>
        let attentionNormGamma: UnsafePointer<Float>
        let attentionNormBeta: UnsafePointer<Float>
        let ffnIn: Projection  // [H × I]
        let ffnInBias: UnsafePointer<Float>  // [I]
        let ffnOut: Projection  // [I × H]
        let ffnOutBias: UnsafePointer<Float>
        let outputNormGamma: UnsafePointer<Float>
        let outputNormBeta: UnsafePointer<Float>
    }

    let file: SafeTensorsFile  // keeps the mapping alive
    let config: BertConfig
    let wordEmbeddings: UnsafePointer<Float>  // [vocab, H]
    let positionEmbeddings: UnsafePointer<Float>  // [maxPos, H]
    let tokenTypeEmbeddings: UnsafePointer<Float>  // [types, H]
    let embeddingNormGamma: UnsafePointer<Float>
    let embeddingNormBeta: UnsafePointer<Float>
    let layers: [Layer]
    private let owned: (raw: UnsafeMutableRawPointer, base: UnsafeMutablePointer<Float>)

    init(file: SafeTensorsFile, config: BertConfig) throws {
        let h = config.hiddenSize, i = config.intermediateSize
        func t(_ name: String, _ shape: [Int]) throws -> UnsafePointer<Float> {
            try file.float32(name, shape: shape).baseAddress!
        }
        self.file = file
        self.config = config
        wordEmbeddings = try t("embeddings.word_embeddings.weight", [config.vocabSize, h])
        positionEmbeddings = try t("embeddings.position_embeddings.weight", [config.maxPositionEmbeddings, h])
        tokenTypeEmbeddings = try t("embeddings.token_type_embeddings.weight", [config.typeVocabSize, h])
        embeddingNormGamma = try t("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try t("embeddings.LayerNorm.bias", [h])

        // Encoder weights are copied, in the order they are used, into one anonymous region
        // advised for transparent huge pages: GEMM streams all 43 MB of them for every pass,
        // and with 4 KiB file-backed pages the TLB misses cost ~15% at 16 tokens (measured).
        // The file's pages for the copied tensors are then dropped, so RSS holds the two
        // layouts of each projection and nothing else.
        let perLayer = Projection.storage(inputs: h, outputs: 3 * h) + Projection.storage(inputs: h, outputs: h)
            + Projection.storage(inputs: h, outputs: i) + Projection.storage(inputs: i, outputs: h) + 9 * h + i
        owned = Self.allocateHugePageRegion(floats: perLayer * config.numHiddenLayers)
        var layers: [Layer] = []
        var copied: [String] = []
        do {
            var cursor = owned.base
            func copy(_ name: String, _ shape: [Int]) throws -> UnsafePointer<Float> {
                let src = try file.float32(name, shape: shape)
                let dst = cursor
                dst.update(from: src.baseAddress!, count: src.count)
                cursor += src.count
                copied.append(name)
                return UnsafePointer(dst)
            }
            // Copies the [out × in] matrices `names` transposed and side by side, [in × Σout],
            // followed by the same values in blocks (see `Projection`).
            func projection(_ names: [String], shape: [Int]) throws -> Projection {
                let (rows, cols) = (shape[0], shape[1])
                let width = rows * names.count
                let dst = cursor
                for (block, name) in names.enumerated() {
                    let src = try file.float32(name, shape: shape).baseAddress!
                    for r in 0..<rows {
                        for c in 0..<cols { dst[c * width + block * rows + r] = src[r * cols + c] }
                    }
                    copied.append(name)
                }
                cursor += width * cols
                let projection = Projection(full: dst, blocks: cursor, inputs: cols, outputs: width)
                cursor += width * cols
                return projection
            }
            for l in 0..<config.numHiddenLayers {
                let p = "encoder.layer.\(l)."
                let qkv = try projection(
                    ["query", "key", "value"].map { p + "attention.self.\($0).weight" }, shape: [h, h])
                let qkvB = cursor
                _ = try copy(p + "attention.self.query.bias", [h])
                _ = try copy(p + "attention.self.key.bias", [h])
                _ = try copy(p + "attention.self.value.bias", [h])
                layers.append(Layer(
                    qkv: qkv, qkvBias: qkvB,
                    out: try projection([p + "attention.output.dense.weight"], shape: [h, h]),
                    outBias: try copy(p + "attention.output.dense.bias", [h]),
                    attentionNormGamma: try copy(p + "attention.output.LayerNorm.weight", [h]),
                    attentionNormBeta: try copy(p + "attention.output.LayerNorm.bias", [h]),
                    ffnIn: try projection([p + "intermediate.dense.weight"], shape: [i, h]),
                    ffnInBias: try copy(p + "intermediate.dense.bias", [i]),
                    ffnOut: try projection([p + "output.dense.weight"], shape: [h, i]),
                    ffnOutBias: try copy(p + "output.dense.bias", [h]),
                    outputNormGamma: try copy(p + "output.LayerNorm.weight", [h]),
                    outputNormBeta: try copy(p + "output.LayerNorm.bias", [h])
                ))
            }
            precondition(cursor == owned.base + perLayer * config.numHiddenLayers)
        } catch {
            free(owned.raw)
            throw error
        }
        file.releasePages(ofTensors: copied)
        self.layers = layers
    }

    deinit {
        free(owned.raw)
    }

    /// 2 MiB-aligned memory with MADV_HUGEPAGE (a hint; harmless where THP is off).
    private static func allocateHugePageRegion(floats: Int) -> (raw: UnsafeMutableRawPointer, base: UnsafeMutablePointer<Float>) {
        let hugePage = 2 << 20
        let bytes = (floats * MemoryLayout<Float>.stride + hugePage - 1) / hugePage * hugePage
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, hugePage, bytes) == 0, let raw else {
            fatalError("out of memory allocating \(bytes) bytes of model weights")
        }
        #if os(Linux)
        _ = madvise(raw, bytes, MADV_HUGEPAGE)
        #endif
        return (raw, raw.bindMemory(to: Float.self, capacity: floats))
    }
}
