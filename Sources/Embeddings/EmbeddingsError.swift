/// Everything that can go wrong while loading a model; messages name the file at fault
/// because the usual cause is a missing or half-downloaded `MODEL_DIR`.
public enum EmbeddingsError: Error, CustomStringConvertible, Equatable {
    case fileMissing(path: String)
    case unreadableFile(path: String, reason: String)
    case invalidFormat(path: String, reason: String)
    case missingTensor(path: String, name: String)
    case unexpectedTensor(path: String, name: String, reason: String)
    case unsupportedConfig(path: String, reason: String)
    case shutDown

    public var description: String {
        switch self {
        case .fileMissing(let path):
            return "model file not found: \(path) (run scripts/fetch-model.sh or set MODEL_DIR)"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidFormat(let path, let reason):
            return "invalid file \(path): \(reason)"
        case .missingTensor(let path, let name):
            return "tensor \(name) missing from \(path)"
        case .unexpectedTensor(let path, let name, let reason):
            return "tensor \(name) in \(path): \(reason)"
        case .unsupportedConfig(let path, let reason):
            return "unsupported model config \(path): \(reason)"
        case .shutDown:
            return "the embedder has been shut down"
        }
    }
}
