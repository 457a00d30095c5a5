import Foundation

/// The complete tokenizer of all-MiniLM-L6-v2: basic tokenizer, WordPiece, `[CLS] … [SEP]`,
/// truncated to `maxLength` ids in total (the model's `max_seq_length`, 256).
public struct BertTokenizer: Sendable {
    public let basic: BasicTokenizer
    public let wordPiece: WordPiece
    public let maxLength: Int
    public let clsID: Int32
    public let sepID: Int32
    public let padID: Int32
    /// Id → token, for debugging and tests.
    public let tokens: [String]

    /// Loads `vocab.txt` (one token per line, id = line number).
    public init(vocabularyFile path: String, maxLength: Int = 256, lowercase: Bool = true) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw EmbeddingsError.fileMissing(path: path)
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw EmbeddingsError.unreadableFile(path: path, reason: "\(error)")
        }
        // Split on bytes, not Characters (grapheme breaking 30k lines is needlessly slow);
        // trailing ASCII whitespace such as "\r" is not part of a token.
        var lines: [String] = []
        lines.reserveCapacity(32_000)
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var end = line.endIndex
            while end > line.startIndex, [0x20, 0x09, 0x0D].contains(line[line.index(before: end)]) {
                end = line.index(before: end)
            }
            lines.append(String(decoding: line[line.startIndex..<end], as: UTF8.self))
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines, maxLength: maxLength, lowercase: lowercase, source: path)
    }

    public init(tokens: [String], maxLength: Int = 256, lowercase: Bool = true) throws {
        try self.init(tokens: tokens, maxLength: maxLength, lowercase: lowercase, source: "<vocabulary>")
    }

    private init(tokens: [String], maxLength: Int, lowercase: Bool, source: String) throws {
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() where vocabulary[t] == nil {
            vocabulary[t] = Int32(i)
        }
        func id(_ t: String) throws -> Int32 {
            guard let v = vocabulary[t] else {
                throw EmbeddingsError.invalidFormat(path: source, reason: "vocabulary lacks \(t)")
            }
            return v
        }
        precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
        self.clsID = try id("[CLS]")
        self.sepID = try id("[SEP]")
        self.padID = try id("[PAD]")
        _ = try id("[UNK]")
        self.tokens = tokens
        self.basic = BasicTokenizer(lowercase: lowercase)
        self.wordPiece = WordPiece(vocabulary: vocabulary)
        self.maxLength = maxLength
    }

    /// Token ids including `[CLS]` and `[SEP]`, at most `maxLength` of them.
    public func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = [clsID]
        let budget = maxLength - 1
        for word in basic.split(text) {
            wordPiece.encode(word, into: &ids)
            if ids.count >= budget { break }
        }
        if ids.count > budget { ids.removeSubrange(budget...) }
        ids.append(sepID)
        return ids
    }

    /// Whether `encode(text)` keeps every token; a longer text is cut to its first `maxLength`.
    public func fits(_ text: String) -> Bool {
        // No byte of input yields more than one token, so a short text needs no tokenizing.
        if text.utf8.count <= maxLength - 2 { return true }
        var ids: [Int32] = [clsID]
        for word in basic.split(text) {
            wordPiece.encode(word, into: &ids)
            if ids.count > maxLength - 1 { return false }
        }
        return true
    }

    /// The tokens behind `encode(text)`, e.g. `["[CLS]", "hello", "##s", "[SEP]"]`.
    public func tokenize(_ text: String) -> [String] {
        encode(text).map { tokens[Int($0)] }
    }
}
