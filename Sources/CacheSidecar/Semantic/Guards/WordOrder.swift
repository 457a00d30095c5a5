/// The words of a prompt in order, as the order rule reads them. Punctuation is dropped: it
/// rarely decides who does what to whom.
public struct WordOrder: Sendable, Hashable {
    /// Lowercased words and numbers in prompt order.
    public var units: [String]
    /// Whether each unit carries content: not a function word, or a capitalised variable ("is A bigger than B").
    public var isContent: [Bool]

    /// Where each part after the first starts: a new sentence (after ".", "?", "!", ";" or a
    /// spaced dash: "Buying vs leasing a car - which is better?"), or the question when a single
    /// comma or colon puts something before it ("As an adult, how can I learn piano?", "gross vs
    /// net income, what's the difference?", "pandas: how do I rename a column?"), or after a
    /// short phrase that a preposition opens ("At sea level, water boils at …"). Parts may trade
    /// places without changing the question ("I'm a freelancer. Do I owe quarterly taxes?" / "Do I
    /// owe quarterly taxes? I'm a freelancer."); words never move between parts, so a swap stays
    /// a swap. After a comma only before a question word: a statement's clauses ("X was born in
    /// Rio, to Y") are where paraphrase corpora hide swaps. A part that opens with a word of
    /// sequence ("Then …") is a step, and steps keep their order.
    var partStarts: [Int]
    /// Typed from a lowercase letter ("git undo last commit"): keywords, as a search box gets them.
    var opensInLowercase: Bool
    /// Asks the assistant to do something ("Write a …", "Could you draft …"): ``TaskRequest``.
    var isTaskRequest: Bool

    init(_ tokens: [PromptToken]) {
        var units: [String] = []
        var isContent: [Bool] = []
        var sentenceStarts: [Int] = []
        var commas: [(index: Int, isColon: Bool)] = []
        for (i, token) in tokens.enumerated() {
            if token.kind == .symbol {
                if token.text == "," || token.text == ":" { commas.append((units.count, token.text == ":")) }
                if Self.sentenceEnds.contains(token.text) || Self.isSpacedDash(tokens, i) { sentenceStarts.append(units.count) }
                continue
            }
            units.append(token.text)
            let isVariable = token.isCapitalized && !token.startsSentence && token.text != "i"
            isContent.append(isVariable || !FunctionWords.contains(token.text))
        }
        self.units = units
        self.isContent = isContent
        var starts = Set(sentenceStarts.filter { $0 > 0 && $0 < units.count })
        if commas.count == 1, let split = commas.first, split.index > 0, split.index < units.count,
            split.isColon || Self.questionOpeners.contains(units[split.index])
                || (Self.leadingPrepositions.contains(units[0]) && split.index <= 4)
        {
            starts.insert(split.index)
        }
        partStarts = starts.sorted()
        opensInLowercase = tokens.first { $0.kind == .word }.map { !$0.isCapitalized && $0.text != "i" } ?? false
        isTaskRequest = TaskRequest.opens(units)
    }

    private init(units: [String], isContent: [Bool]) {
        self.units = units
        self.isContent = isContent
        self.partStarts = []
        self.opensInLowercase = false
        self.isTaskRequest = false
    }

    /// The same prompt with each of its `names` that `other` spells another way spelled as there
    /// ("australian" as "australia", "british" as "uk"): the same name for the order check.
    func namesSpelled(like other: WordOrder, names: [String]) -> WordOrder {
        var copy = self
        for (i, unit) in units.enumerated() where names.contains(unit) && !other.units.contains(unit) {
            if let spelling = other.units.first(where: { !units.contains($0) && Entities.isMentioned(unit, in: [$0]) }) {
                copy.units[i] = spelling
            }
        }
        return copy
    }

    /// The same prompt with each word cut to its stem ("teaches" → "teach", "loops" → "loop").
    func stemmed() -> WordOrder {
        var copy = self
        copy.units = units.map(Inflection.stem)
        return copy
    }

    /// Other orders the prompt may be read in without changing the question: its parts
    /// reordered, and a passive question put in the active ("Penicillin was discovered by whom?"
    /// as "Who discovered penicillin?").
    func alternativeReadings() -> [WordOrder] {
        partsReordered() + [activeReading()].compactMap { $0 }
    }

    /// "X was painted by whom?" read as "whom painted X": the participle before "by who(m)" at the
    /// end moved to the front, after a form of "be" that is dropped.
    func activeReading() -> WordOrder? {
        guard units.count >= 4, ["who", "whom"].contains(units[units.count - 1]), units[units.count - 2] == "by",
            let be = units.lastIndex(where: { Self.formsOfBe.contains($0) }), be < units.count - 3
        else { return nil }
        let participle = units.count - 3
        let kept = Array(0..<be) + Array((be + 1)..<participle)
        let order = [units.count - 1, participle] + kept
        return WordOrder(units: order.map { units[$0] }, isContent: order.map { isContent[$0] })
    }

    static let sentenceEnds: Set<String> = [".", "?", "!", ";"]

    /// "At sea level, water boils at …", "In three sentences, summarize …": a short phrase opened
    /// by one of these and closed by the only comma is set before the clause, and may follow it.
    static let leadingPrepositions: Set<String> = [
        "at", "in", "on", "for", "from", "with", "without", "during", "under", "by", "as", "using",
    ]

    /// " - " or " – " between words, not the hyphen of "2-month-old".
    private static func isSpacedDash(_ tokens: [PromptToken], _ i: Int) -> Bool {
        guard ["-", "–", "—"].contains(tokens[i].text), !tokens[i].isGlued else { return false }
        return i + 1 < tokens.count && !tokens[i + 1].isGlued
    }

    /// Words that make a part a step of a sequence.
    static let sequenceWords: Set<String> = [
        "then", "next", "after", "afterwards", "afterward", "finally", "first", "firstly", "second", "secondly",
        "third", "before", "lastly", "later",
    ]

    /// Parts at most: beyond, the orders to try grow too fast for a check that runs on every candidate.
    static let maximumParts = 4

    /// The prompt with its parts in every other order, when it has two to four and none is a step.
    func partsReordered() -> [WordOrder] {
        guard !partStarts.isEmpty, partStarts.count < Self.maximumParts else { return [] }
        let bounds = [0] + partStarts + [units.count]
        let parts = (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }
        guard !parts.contains(where: { Self.sequenceWords.contains(units[$0.lowerBound]) }) else { return [] }
        return Self.permutations(of: Array(parts.indices)).dropFirst().map { order in
            let ranges = order.map { parts[$0] }
            return WordOrder(
                units: ranges.flatMap { units[$0] }, isContent: ranges.flatMap { isContent[$0] })
        }
    }

    /// Every order of `items`, the given one first.
    private static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            var rest = items
            let first = rest.remove(at: i)
            return permutations(of: rest).map { [first] + $0 }
        }
    }

    /// Whether the unit at `index` is named as a topic: after "in", "on", "with" or "using",
    /// an article between allowed ("in a SQL table").
    func namesTopic(at index: Int) -> Bool {
        var i = index - 1
        if i >= 0, Self.articles.contains(units[i]) { i -= 1 }
        return i >= 0 && Self.topicPrepositions.contains(units[i])
    }

    static let topicPrepositions: Set<String> = ["in", "on", "with", "using"]

    /// Whether a form of "be", "do", "have" or a modal stands in the prompt: a sentence, not keywords.
    var hasAuxiliary: Bool { units.contains { Self.auxiliaries.contains($0) } }

    static let auxiliaries: Set<String> = [
        "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had", "can",
        "could", "should", "would", "will", "shall", "may", "might", "must",
    ]

    /// The neighbours of the units from `start` through `end`; `^` and `$` stand for the prompt's edges.
    func slot(_ start: Int, _ end: Int) -> Slot {
        Slot(
            previous: start > 0 ? units[start - 1] : "^",
            next: end + 1 < units.count ? units[end + 1] : "$")
    }

    /// Content units with their position, and how often each occurs. A unit that occurs again is
    /// named by its occurrence ("matter", "matter#2"), so the n-th occurrence in one prompt can be
    /// traced to the n-th in the other — when both prompts have it as often: "its pull on dark
    /// matter, as no other particles of matter" / "its pull on other matter, as no dark matter
    /// particles" moves the second "dark" past the second "matter".
    func contentUnits() -> (positions: [String: Int], counts: [String: Int]) {
        var positions: [String: Int] = [:]
        var counts: [String: Int] = [:]
        for (i, unit) in units.enumerated() where isContent[i] {
            let occurrence = counts[unit, default: 0] + 1
            counts[unit] = occurrence
            positions[occurrence == 1 ? unit : "\(unit)#\(occurrence)"] = i
        }
        return (positions, counts)
    }

    /// Whether the prompt compares two things ("difference between X and Y", "how does X differ
    /// from Y", "X vs Y"), where their order does not matter.
    var compares: Bool { units.contains { Self.comparisonMarkers.contains($0) } }

    static let comparisonMarkers: Set<String> = [
        "difference", "differences", "different", "differ", "differs", "differentiate", "distinguish", "vs",
        "versus", "compare", "compared", "comparison",
    ]

    /// The content units in order, markers of comparison left out.
    var comparedContent: [String] {
        units.indices.filter { isContent[$0] && !Self.comparisonMarkers.contains(units[$0]) }.map { units[$0] }
    }

    /// Whether only symmetric connectors ("and", "or", "vs") stand between two positions, at least one of them.
    func onlyConnectors(between start: Int, and end: Int) -> Bool {
        let (low, high) = (min(start, end), max(start, end))
        let between = units[(low + 1)..<high]
        return between.contains { Self.symmetricConnectors.contains($0) }
            && between.allSatisfy { Self.symmetricConnectors.contains($0) || Self.articles.contains($0) }
    }

    /// "a fruit or a vegetable": articles around a connector keep it symmetric.
    static let articles: Set<String> = ["a", "an", "the"]
    static let questionOpeners: Set<String> = [
        "how", "what", "which", "who", "when", "where", "why", "is", "are", "was", "were", "can", "could", "should",
        "would", "will", "do", "does", "did",
    ]

    /// English says "the capital of France" and "France's capital", "books on machine learning" and
    /// "machine learning books": a head noun with a prepositional phrase after it in one prompt, the
    /// same words as modifiers before it in the other. `x` precedes `y` here; in `other`, `y` precedes `x`.
    func isPrepositionalAlternation(_ x: Int, _ y: Int, _ other: WordOrder, _ otherX: Int, _ otherY: Int) -> Bool {
        (isPrepositionalPhrase(from: x, to: y) && other.isModifierRun(from: otherY, to: otherX))
            || (isModifierRun(from: x, to: y) && other.isPrepositionalPhrase(from: otherY, to: otherX))
    }

    /// "capital of France", "books on (the) machine learning": head, preposition, optional determiner, up to two more words.
    private func isPrepositionalPhrase(from head: Int, to end: Int) -> Bool {
        guard head + 1 < end, Self.headPrepositions.contains(units[head + 1]) else { return false }
        let rest = units[(head + 2)..<end].filter { !FunctionWords.isDeterminer($0) }
        return rest.count <= 2 && rest.allSatisfy { !FunctionWords.contains($0) }
    }

    /// "France capital", "machine learning books": at most two content words between modifier and head.
    private func isModifierRun(from start: Int, to end: Int) -> Bool {
        let between = units[(start + 1)..<end]
        return between.count <= 2 && between.allSatisfy { !FunctionWords.contains($0) }
    }

    static let headPrepositions: Set<String> = ["of", "on", "for", "about", "in", "from"]

    /// "What is the fastest land animal?" and "Which land animal is the fastest?": a prompt's only
    /// superlative before its noun in one prompt, after "is (the)" in the other. `x` precedes `y`
    /// here; in `other`, `y` precedes `x`. Two superlatives trading places ("July is the hottest,
    /// January the coldest" vs the reverse) are a swap, so each prompt must have exactly one.
    func isSuperlativeAlternation(_ x: Int, _ y: Int, _ other: WordOrder, _ otherX: Int, _ otherY: Int) -> Bool {
        guard superlativeCount == 1, other.superlativeCount == 1 else { return false }
        // The superlative comes first here (attributive) and last in the other prompt (predicative), or the reverse.
        if isSuperlative(at: x), other.isSuperlative(at: otherX) { return other.isPredicative(otherX) }
        if isSuperlative(at: y), other.isSuperlative(at: otherY) { return isPredicative(y) }
        return false
    }

    /// "best", "fastest", or the word after "most"/"least" ("most popular").
    private func isSuperlative(at i: Int) -> Bool {
        let word = units[i]
        if i > 0, units[i - 1] == "most" || units[i - 1] == "least" { return true }
        if Self.irregularSuperlatives.contains(word) { return true }
        return word.count >= 6 && word.hasSuffix("est") && !Self.wordsEndingInEst.contains(word)
    }

    /// Superlatives in the prompt, "most popular" counted once.
    private var superlativeCount: Int {
        units.indices.filter { isSuperlative(at: $0) && units[$0] != "most" && units[$0] != "least" }.count
    }

    /// After "is", "are the", "was the"…, skipping "most"/"least".
    private func isPredicative(_ i: Int) -> Bool {
        var j = i - 1
        if j >= 0, units[j] == "most" || units[j] == "least" { j -= 1 }
        if j >= 0, units[j] == "the" { j -= 1 }
        return j >= 0 && Self.formsOfBe.contains(units[j])
    }

    static let irregularSuperlatives: Set<String> = ["best", "worst", "most", "least"]
    static let formsOfBe: Set<String> = ["is", "are", "was", "were", "be"]
    /// Words that end in "est" and are no superlative.
    static let wordsEndingInEst: Set<String> = [
        "interest", "interests", "request", "forest", "protest", "contest", "suggest", "invest", "harvest",
        "manifest", "arrest", "digest", "modest", "honest", "priest", "conquest", "inquest", "bequest", "behest",
        "tempest", "midwest", "southwest", "northwest", "earnest", "unrest", "pretest",
    ]

    static let symmetricConnectors: Set<String> = ["and", "or", "vs", "versus", "v", "nor", "plus", "&"]

    struct Slot: Hashable {
        var previous: String
        var next: String

        /// How many informative neighbours two slots share. "the" or "my" next to a word says
        /// nothing about its role, so determiners do not count.
        func sharedNeighbours(with other: Slot) -> Int {
            var shared = 0
            if previous == other.previous, !FunctionWords.isDeterminer(previous) { shared += 1 }
            if next == other.next, !FunctionWords.isDeterminer(next) { shared += 1 }
            return shared
        }
    }
}
