/// The encoder's parameters: views into the mapped safetensors file, except the query, key
/// and value projections, which are copied side by side into one [3·hidden × hidden] matrix
/// so that a single GEMM produces Q, K and V for all tokens.
final class BertWeights: @unchecked Sendable {
    struct Layer {
        let qkvWeight: UnsafePointer<Float>  // [3H, H], rows: query, key, value
        let qkvBias: UnsafePointer<Float>  // [3H]
        let outWeight: UnsafePointer<Float>  // [H, H]
        let outBias: UnsafePointer<Float>
        let attentionNormGamma: UnsafePointer<Float>
        let attentionNormBeta: UnsafePointer<Float>
        let ffnInWeight: UnsafePointer<Float>  // [I, H]
        let ffnInBias: UnsafePointer<Float>  // [I]
        let ffnOutWeight: UnsafePointer<Float>  // [H, I]
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
    private let owned: UnsafeMutablePointer<Float>

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

        let perLayer = 3 * h * h + 3 * h
        owned = .allocate(capacity: perLayer * config.numHiddenLayers)
        var layers: [Layer] = []
        do {
            for l in 0..<config.numHiddenLayers {
                let p = "encoder.layer.\(l)."
                let qkvW = owned + l * perLayer
                let qkvB = qkvW + 3 * h * h
                for (k, part) in ["query", "key", "value"].enumerated() {
                    (qkvW + k * h * h).update(from: try t(p + "attention.self.\(part).weight", [h, h]), count: h * h)
                    (qkvB + k * h).update(from: try t(p + "attention.self.\(part).bias", [h]), count: h)
                }
                layers.append(Layer(
                    qkvWeight: qkvW, qkvBias: qkvB,
                    outWeight: try t(p + "attention.output.dense.weight", [h, h]),
                    outBias: try t(p + "attention.output.dense.bias", [h]),
                    attentionNormGamma: try t(p + "attention.output.LayerNorm.weight", [h]),
                    attentionNormBeta: try t(p + "attention.output.LayerNorm.bias", [h]),
                    ffnInWeight: try t(p + "intermediate.dense.weight", [i, h]),
                    ffnInBias: try t(p + "intermediate.dense.bias", [i]),
                    ffnOutWeight: try t(p + "output.dense.weight", [h, i]),
                    ffnOutBias: try t(p + "output.dense.bias", [h]),
                    outputNormGamma: try t(p + "output.LayerNorm.weight", [h]),
                    outputNormBeta: try t(p + "output.LayerNorm.bias", [h])
                ))
            }
        } catch {
            owned.deallocate()
            throw error
        }
        self.layers = layers
    }

    deinit {
        owned.deallocate()
    }
}
