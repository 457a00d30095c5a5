/// Everything the guard rules read from one prompt, extracted once in a single cheap pass
/// (microseconds for a typical prompt), so the cache can compute it per candidate or store it
/// next to the cached prompt and reuse it.
public struct PromptFeatures: Sendable, Hashable {
    public var tokens: [PromptToken]
    /// Lowercased words and numbers, for "does the other prompt mention this?" questions.
    public var wordSet: Set<String>
    /// The words and numbers in order, symbols left out: what two prompts worded alike share.
    /// Stored, as several rules compare it for every candidate.
    public var wordSequence: [String]
    /// Words without regular suffixes ("installed" → "install").
    public var stems: Set<String>
    /// Stems of content words (no function words, no numbers): what the prompt is about.
    public var contentStems: Set<String>
    public var quantities: [Quantity]
    /// The operators of written-out arithmetic, in order ("x^2 - 5x" → ^, -): ``Arithmetic``.
    public var operators: [String]
    /// The formulas written out, each token by token ("sin ( x ^ 2 )"): ``Arithmetic``.
    var formulas: [String]
    /// Units named without a number ("convert miles to km").
    public var unitMentions: Set<String>
    public var negators: [String]
    var opposites: [Opposites.Mention]
    /// Canonical time labels ("day:today", "year:2019", "next:week").
    public var times: [String]
    /// Lowercased name-like words ("paris", "iphone").
    public var entities: [String]
    /// Emoji and non-Latin words, sorted: text the model cannot read (``OpaqueText``).
    public var opaqueText: [String]
    /// Text in quotes or backticks, in order: ``QuotedText``.
    public var quotedText: [String]
    /// The quoted texts that are code and the calls written inline ("COUNT(*)"), whose order of
    /// signs and words matters (`'%a'` / `'a%'`).
    public var quotedCode: [String]
    /// The quoted texts with their function words (``QuotedText``).
    var wholeQuotes: [String]
    /// Members of closed word classes (colours, animals, foods…), sorted: ``Kinds``.
    var kinds: [Kinds.Mention]
    /// What quantities are counted per ("per:month", "per:person"): ``Rates``.
    public var rates: [String]
    /// Codes that glue letters to digits ("m604dn", "gpt4o"): ``ProductCodes``.
    var codes: [ProductCodes.Code]
    /// Model tiers after a product's number or name ("15 Pro", "iPad Mini"): ``ProductCodes/tiers(_:)``.
    var tiers: Set<String>
    /// Sources and destinations, when the prompt names both ("from London to Paris").
    var directions: [String: Directions.Role]
    /// "X to Y" phrases ("convert an int to a string"): ``Directions/conversions(_:)``.
    var conversions: [Directions.Conversion]
    /// The things named after "all"/"every" and after "a"/"one": ``Scopes``.
    var scopes: Scopes
    public var wordOrder: WordOrder
    /// What the prompt's questions ask for (a count, the members, a time, reason or place): ``QuestionFocus``.
    var questionFocus: [QuestionFocus]
    /// Passive and active verb forms: ``Voice``.
    var voice: Voice
    /// Whose each possessed thing is, first or third person: ``Possessors``.
    var possessions: [String: Set<Possessors.Person>]
    /// Genotypes as written, case and all ("Aa", "aabb"), sorted: ``Genotypes``.
    var genotypes: [String]

    public init(_ prompt: String) {
        let tokens = PromptTokenizer.tokenize(prompt)
        self.tokens = tokens
        var words = Set<String>()
        var stems = Set<String>()
        var contentStems = Set<String>()
        for token in tokens where token.kind != .symbol {
            words.insert(token.text)
            let stem = Inflection.stem(token.text)
            stems.insert(stem)
            if token.kind == .word, !FunctionWords.contains(token.text), !Negation.isNegator(token.text) {
                contentStems.insert(stem)
            }
        }
        self.contentStems = contentStems
        self.wordSet = words
        self.wordSequence = tokens.filter { $0.kind != .symbol }.map(\.text)
        self.stems = stems
        let quantities = QuantityExtractor.extract(tokens)
        self.quantities = quantities.quantities
        self.unitMentions = Set(quantities.unitMentions)
        self.operators = Arithmetic.operators(in: tokens)
        self.formulas = Arithmetic.formulas(in: tokens)
        self.negators = Negation.negators(in: tokens)
        self.opposites = Opposites.mentions(in: tokens)
        self.times = TemporalExpressions.extract(tokens)
        self.entities = Entities.extract(tokens)
        self.opaqueText = OpaqueText.extract(tokens)
        (self.quotedText, self.quotedCode, self.wholeQuotes) = QuotedText.extract(tokens)
        self.codes = ProductCodes.extract(tokens)
        self.tiers = ProductCodes.tiers(tokens)
        self.rates = Rates.extract(tokens)
        self.kinds = Kinds.mentions(in: tokens)
        self.directions = Directions.extract(tokens)
        self.conversions = Directions.conversions(tokens)
        self.scopes = Scopes(tokens)
        self.wordOrder = WordOrder(tokens)
        self.questionFocus = QuestionFocus.foci(in: tokens)
        self.voice = Voice(tokens)
        self.possessions = Possessors.possessions(in: tokens)
        self.genotypes = Genotypes.written(in: prompt)
    }
}

extension PromptFeatures {
    /// Whether the prompt names this unit, with a number or without.
    func names(unit: String?) -> Bool {
        guard let unit else { return false }
        return unitMentions.contains(unit) || quantities.contains { $0.unit == unit }
    }
}
