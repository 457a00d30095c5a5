/// The short spans one prompt has where the other has other words, between the words both share
/// in the same order: "Do pulmonary **arteries** carry…" / "Do pulmonary **veins** carry…" has
/// one slot, arteries → veins.
///
/// The shared words are a longest common subsequence of the two prompts' words and numbers; a
/// slot is a gap filled on both sides with at most ``maximumSpan`` words. A word added on one side
/// only, or a sentence reworded throughout, has no slot: what took a word's place is what a
/// look-alike swaps.
enum SubstitutedWords {
    /// Longer gaps are rewordings, not one thing put in another's place.
    static let maximumSpan = 3

    struct Slot: Equatable {
        var first: [String]
        var second: [String]
    }

    /// The slots between two prompts' words and numbers (symbols left out).
    static func slots(_ a: PromptFeatures, _ b: PromptFeatures) -> [Slot] {
        slots(a.wordSequence, b.wordSequence)
    }

    static func slots(_ a: [String], _ b: [String]) -> [Slot] {
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var slots: [Slot] = []
        var (i, j, gapA, gapB) = (0, 0, 0, 0)
        func closeGap() {
            if i > gapA, j > gapB, i - gapA <= maximumSpan, j - gapB <= maximumSpan {
                slots.append(Slot(first: Array(a[gapA..<i]), second: Array(b[gapB..<j])))
            }
        }
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                closeGap()
                i += 1
                j += 1
                (gapA, gapB) = (i, j)
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        (i, j) = (a.count, b.count)
        closeGap()
        return slots
    }
}
