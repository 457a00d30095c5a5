/// The words of a prompt in order, with runs of capitalised words joined ("New York" is one unit),
/// as the order rule reads them. Punctuation is dropped: it rarely decides who does what to whom.
public struct WordOrder: Sendable, Hashable {
    /// Lowercased units in prompt order.
    public var units: [String]

    init(_ tokens: [PromptToken]) {
        var units: [String] = []
        var previousWasName = false
        for token in tokens where token.kind != .symbol {
            let isName = token.isCapitalized && !token.startsSentence && !FunctionWords.contains(token.text)
            if isName, previousWasName, let last = units.popLast() {
                units.append(last + " " + token.text)
            } else {
                units.append(token.text)
            }
            previousWasName = isName
        }
        self.units = units
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
        for (i, unit) in units.enumerated() where !FunctionWords.contains(unit) {
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
