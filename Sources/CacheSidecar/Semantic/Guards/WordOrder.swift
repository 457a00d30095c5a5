/// The words of a prompt in order, as the order rule reads them: runs of two or more capitalised
/// words are joined ("New York" is one unit), punctuation is dropped (it rarely decides who does
/// what to whom).
public struct WordOrder: Sendable, Hashable {
    /// Lowercased units in prompt order.
    public var units: [String]
    /// Whether each unit carries content: not a function word, or a capitalised variable ("is A bigger than B").
    public var isContent: [Bool]

    init(_ tokens: [PromptToken]) {
        let words = tokens.filter { $0.kind != .symbol }
        func isCapitalisedContent(_ t: PromptToken) -> Bool { t.isCapitalized && !FunctionWords.contains(t.text) }
        var units: [String] = []
        var isContent: [Bool] = []
        var i = 0
        while i < words.count {
            var end = i + 1
            if isCapitalisedContent(words[i]) {
                while end < words.count, isCapitalisedContent(words[end]) { end += 1 }
            }
            if end - i >= 2 {
                units.append(words[i..<end].map(\.text).joined(separator: " "))
                isContent.append(true)
            } else {
                let token = words[i]
                units.append(token.text)
                let isVariable = token.isCapitalized && !token.startsSentence && token.text != "i"
                isContent.append(isVariable || !FunctionWords.contains(token.text))
            }
            i = end
        }
        self.units = units
        self.isContent = isContent
    }

    /// The neighbours of the unit at `index`; `^` and `$` stand for the prompt's edges.
    func slot(_ index: Int) -> Slot {
        Slot(
            previous: index > 0 ? units[index - 1] : "^",
            next: index + 1 < units.count ? units[index + 1] : "$")
    }

    /// Content units that occur exactly once, with their position: the only ones whose moves can be traced.
    func singleContentUnits() -> [String: Int] {
        var positions: [String: Int] = [:]
        var repeated: Set<String> = []
        for (i, unit) in units.enumerated() where isContent[i] {
            if positions[unit] != nil { repeated.insert(unit) } else { positions[unit] = i }
        }
        for unit in repeated { positions[unit] = nil }
        return positions
    }

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
