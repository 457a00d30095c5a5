/// A word, number or symbol of a prompt, as the guards see it.
///
/// Text is lowercased and contractions are expanded ("can't" → "can", "not"), so rules compare
/// meanings of closed-class words, not spellings; capitalisation is kept aside because it is
/// the cheapest signal for names.
public struct PromptToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word
        /// Digits, possibly with a decimal point or thousands separators ("1,000.5").
        case number
        /// A number written with an ordinal suffix ("3rd"); `text` holds the digits.
        case ordinal
        /// Anything else that is not space: punctuation, `$`, `%`, `°`…
        case symbol
    }

    public var kind: Kind
    public var text: String
    /// Written with a capital first letter.
    public var isCapitalized: Bool
    /// Capitals after the first letter ("iPhone", "USA", "McDonald"): a name even at a sentence start.
    public var hasInnerCapital: Bool
    /// First word of a sentence, where a capital letter says nothing about names.
    public var startsSentence: Bool
    /// Glued to the previous token in the prompt ("10km", "$5"): a unit written this way belongs to the number.
    public var isGlued: Bool

    public init(
        _ kind: Kind, _ text: String, isCapitalized: Bool = false, hasInnerCapital: Bool = false,
        startsSentence: Bool = false, isGlued: Bool = false
    ) {
        self.kind = kind
        self.text = text
        self.isCapitalized = isCapitalized
        self.hasInnerCapital = hasInnerCapital
        self.startsSentence = startsSentence
        self.isGlued = isGlued
    }

    /// Numeric value of a `.number` or `.ordinal` token.
    public var numericValue: Double? {
        guard kind == .number || kind == .ordinal else { return nil }
        return Double(text.filter { $0 != "," })
    }
}

extension [PromptToken] {
    /// Whether the token at `i` opens a sentence or a clause after punctuation ("In Hamlet, who
    /// …"): where a question word asks rather than relates ("advertisers who bid"). Quotes and
    /// brackets open none: "'who' or 'whom'" names the word, "denied (publickey) when connecting"
    /// says when it happens.
    func opensClause(at i: Int) -> Bool {
        i == 0 || self[i].startsSentence || Self.clausePunctuation.contains(self[i - 1].text)
    }

    private static let clausePunctuation: Set<String> = [",", ";", ":", ".", "?", "!", "-", "–", "—"]

    /// How many word tokens follow one another from `i` on, up to the first number or symbol.
    func wordsInARow(from i: Int) -> Int {
        var end = i
        while end < count, self[end].kind == .word { end += 1 }
        return end - i
    }
}
