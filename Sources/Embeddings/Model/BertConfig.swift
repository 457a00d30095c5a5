import Foundation

/// The few `config.json` fields the encoder needs. Read (not hard-coded) so that a mismatched
/// model folder fails at load time instead of producing garbage.
public struct BertConfig: Sendable, Equatable, Decodable {
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var vocabSize: Int
    public var typeVocabSize: Int
    public var layerNormEps: Float
    public var hiddenAct: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case maxPositionEmbeddings = "max_position_embeddings"
        case vocabSize = "vocab_size"
        case typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps"
        case hiddenAct = "hidden_act"
    }

    public var headSize: Int { hiddenSize / numAttentionHeads }

    public static func load(path: String) throws -> BertConfig {
        guard FileManager.default.fileExists(atPath: path) else { throw EmbeddingsError.fileMissing(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbeddingsError.unreadableFile(path: path, reason: "\(error)")
        }
        let config: BertConfig
        do {
            config = try JSONDecoder().decode(BertConfig.self, from: data)
        } catch {
            throw EmbeddingsError.invalidFormat(path: path, reason: "\(error)")
        }
        guard config.hiddenAct == "gelu" else {
            throw EmbeddingsError.unsupportedConfig(path: path, reason: "hidden_act \(config.hiddenAct); only exact (erf) gelu is implemented")
        }
        guard config.numAttentionHeads > 0, config.hiddenSize % config.numAttentionHeads == 0,
              config.hiddenSize % 8 == 0, config.intermediateSize % 8 == 0 else {
            throw EmbeddingsError.unsupportedConfig(path: path, reason: "hidden \(config.hiddenSize), heads \(config.numAttentionHeads), intermediate \(config.intermediateSize)")
        }
        return config
    }
}
