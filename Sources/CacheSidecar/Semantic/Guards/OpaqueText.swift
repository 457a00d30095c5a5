/// Text the embedding model cannot read: emoji and other pictographic symbols, and words in
/// scripts other than Latin.
///
/// all-MiniLM-L6-v2 reads English. Its tokenizer maps most emoji and many rarer characters to one
/// `[UNK]` token, so "What does 🍆 mean?" and "What does 🍑 mean?" embed identically (cosine 1.000),
/// and words of other scripts fall apart into single characters whose vectors say little. Such text
/// can only be compared verbatim.
enum OpaqueText {
    /// The prompt's opaque words and symbols, lowercased, sorted (a multiset, for comparison).
    static func extract(_ tokens: [PromptToken]) -> [String] {
        var found: [String] = []
        for token in tokens {
            switch token.kind {
            case .word where token.text.unicodeScalars.contains(where: isNonLatinLetter):
                found.append(token.text)
            case .symbol where token.text.unicodeScalars.allSatisfy(isPictographic):
                found.append(token.text)
            default:
                continue
            }
        }
        return found.sorted()
    }

    /// A letter of Greek, Cyrillic, CJK, Arabic, Devanagari…; Latin with its extensions is readable.
    static func isNonLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x370, scalar.properties.isAlphabetic else { return false }
        return !latinExtensions.contains { $0.contains(scalar.value) }
    }

    /// Emoji, dingbats, emoji skin tones, private-use characters; not `°`, which the unit lexicon
    /// reads, nor the other modifier symbols (`´` stands in for an apostrophe: "I´m").
    static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII, scalar != "°" else { return false }
        switch scalar.properties.generalCategory {
        case .otherSymbol, .privateUse: return true
        case .modifierSymbol: return (0x1F3FB...0x1F3FF).contains(scalar.value)
        default: return false
        }
    }

    /// Latin Extended Additional (Vietnamese), Extended-C, -D, -E, and the Latin ligatures.
    private static let latinExtensions: [ClosedRange<UInt32>] = [
        0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06,
    ]
}
