/// WordPiece: split one word into the longest vocabulary pieces, left to right, continuation
/// pieces carrying the `##` prefix. A word that cannot be covered, or is longer than
/// `maxCharsPerWord` code points, becomes a single unknown token.
public struct WordPiece: Sendable {
    public let vocabulary: [String: Int32]
    public let unknownID: Int32
    public let maxCharsPerWord: Int

    public init(vocabulary: [String: Int32], unknownToken: String = "[UNK]", maxCharsPerWord: Int = 100) {
        self.vocabulary = vocabulary
        self.unknownID = vocabulary[unknownToken] ?? 0
        self.maxCharsPerWord = maxCharsPerWord
    }

    /// Appends the ids of `word`'s pieces to `ids`.
    public func encode(_ word: [Unicode.Scalar], into ids: inout [Int32]) {
        if word.count > maxCharsPerWord {
            ids.append(unknownID)
            return
        }
        // Whole-word hit first: the common case for ordinary text.
        if let id = vocabulary[Self.string(word[...], continuation: false)] {
            ids.append(id)
            return
        }
        let mark = ids.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                if let id = vocabulary[Self.string(word[start..<end], continuation: start > 0)] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(mark...)
                ids.append(unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>, continuation: Bool) -> String {
        var view = String.UnicodeScalarView()
        if continuation { view.append("#"); view.append("#") }
        view.append(contentsOf: scalars)
        return String(view)
    }
}
