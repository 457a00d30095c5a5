import CBlas
import Embeddings

/// The second stage of a semantic match: how well every content token of each prompt finds a
/// counterpart in the other, by cosine of the model's contextual token states.
///
/// Two sentence vectors can be close while one prompt carries a content word the other lacks
/// ("… generate revenue in the short term?" / "… generate revenue?"): averaging blurs it, the
/// unmatched token does not. The score is the worst best-match over both directions, so a single
/// word without a counterpart decides. Function words, courtesy words ("please", "hey") and
/// punctuation are left out (``AlignmentFunctionWords``); a side with no content token uses all its tokens. Measured in
/// `scripts/quality/token_alignment.py`; this is the same definition (docs/QUALITY-guards.md).
enum TokenAlignment {
    /// In [-1, 1]; 0 when either side has no tokens.
    static func score(_ a: TokenStates, _ b: TokenStates) -> Float {
        let (m, n, d) = (a.tokens.count, b.tokens.count, a.dimensions)
        guard m > 0, n > 0, b.dimensions == d else { return 0 }
        // All token pairs' cosines in one product (at most 254 × 254 × 384); rows are unit length.
        var cosines = [Float](repeating: 0, count: m * n)
        a.states.withUnsafeBufferPointer { pa in
            b.states.withUnsafeBufferPointer { pb in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(d),
                            1, pa.baseAddress, Int32(d), pb.baseAddress, Int32(d), 0, &cosines, Int32(n))
            }
        }
        var bestOfA = [Float](repeating: -.infinity, count: m)
        var bestOfB = [Float](repeating: -.infinity, count: n)
        for i in 0..<m {
            for j in 0..<n {
                let c = cosines[i * n + j]
                bestOfA[i] = max(bestOfA[i], c)
                bestOfB[j] = max(bestOfB[j], c)
            }
        }
        return min(worst(bestOfA, tokens: a.tokens), worst(bestOfB, tokens: b.tokens))
    }

    /// The lowest best-match over the content tokens, or over every token if none is content.
    private static func worst(_ best: [Float], tokens: [String]) -> Float {
        let content = zip(best, contentMask(tokens)).filter(\.1).map(\.0)
        return (content.isEmpty ? best : content).min() ?? 0
    }

    /// Which tokens are content: ``isContent(_:)``, except that every piece of a courtesy word
    /// ("pls" is "pl", "##s") is not.
    static func contentMask(_ tokens: [String]) -> [Bool] {
        var mask = tokens.map(isContent)
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, tokens[end].hasPrefix("##") { end += 1 }
            let word = tokens[start..<end].map { $0.hasPrefix("##") ? String($0.dropFirst(2)) : $0 }.joined()
            if AlignmentFunctionWords.isCourtesy(word) {
                for i in start..<end { mask[i] = false }
            }
            start = end
        }
        return mask
    }

    /// Neither a listed function word nor made of ASCII punctuation only (`##` pieces of a word
    /// count as content: "##s" is not all punctuation).
    static func isContent(_ token: String) -> Bool {
        !AlignmentFunctionWords.contains(token) && !token.utf8.allSatisfy(punctuation.contains)
    }

    /// The 32 characters of Python's `string.punctuation`, as the measurement used.
    private static let punctuation = Set(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##.utf8)
}
