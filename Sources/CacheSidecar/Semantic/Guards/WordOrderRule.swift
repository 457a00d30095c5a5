/// Refuses when two words have traded places: "10 miles to km" vs "10 km to miles",
/// "convert USD to EUR" vs "convert EUR to USD", "is A bigger than B" vs "is B bigger than A".
///
/// Embeddings are nearly blind to order (mean pooling), so this rule carries the whole burden.
/// A swap is told apart from a harmless reordering ("In 2010 he moved to Paris" vs "He moved to
/// Paris in 2010") by context: after a swap each word sits where the *other* word sat, between the
/// other word's old neighbours; after a move a phrase keeps its own neighbours.
/// A word that occurs more than once is traced occurrence by occurrence, when both prompts have it
/// equally often ("pull on dark matter, as no other matter" / "pull on other matter, as no dark matter").
/// A name is read as the other prompt spells it, so names traded as demonyms are traded all the
/// same ("UK citizens visiting Australia" / "Australian citizens visiting the UK").
/// Swaps across symmetric connectors ("A and B", "A or B", "A vs B") change nothing and pass, and
/// so do two alternations of English: "capital of France" / "France's capital" and "the fastest
/// animal" / "which animal is the fastest".
///
/// `refusesAnyReordering` goes further and refuses every change in the order of shared content
/// words but a topic moved to the front ("How do I reverse a list in Python?" / "python reverse
/// list") and, between two requests for a task (``TaskRequest``), one run of words moved that
/// swaps nothing, not even by stem ("a clumsy giraffe" / "a giraffe who is clumsy"). Adversarial
/// rewrites ("the lowest rating in red and the highest in blue" vs the reverse) scramble more than
/// two words at once, and telling such a scramble from a harmless move needs a parser. Refusing
/// costs the paraphrases that reorder; that trade favours precision.
public struct WordOrderRule: GuardRule {
    public var name: String { "word-order" }
    public var refusesAnyReordering: Bool

    /// Prompts longer than this are compared on their first this-many content words only, to keep
    /// the pairwise check cheap on long prompts.
    static let maximumUnits = 48

    public init(refusesAnyReordering: Bool = true) {
        self.refusesAnyReordering = refusesAnyReordering
    }

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let refusal = repeatedWordTraded(a.wordOrder, b.wordOrder) { return refusal }
        // Two task requests may move one run of words but not swap; read by stem too, a swap
        // whose words change their ending is still a swap ("students teach the teacher" / "the
        // teacher teaches students", "a nurse moving into UX design" / "a UX designer moving into
        // nursing").
        if a.wordOrder.isTaskRequest, b.wordOrder.isTaskRequest,
            let refusal = check(a.wordOrder.stemmed(), b.wordOrder.stemmed())
        {
            return refusal
        }
        guard let refusal = check(a.wordOrder, b.wordOrder) else { return namesTraded(a, b) }
        for x in a.wordOrder.alternativeReadings() where check(x, b.wordOrder) == nil { return nil }
        for y in b.wordOrder.alternativeReadings() where check(a.wordOrder, y) == nil { return nil }
        return refusal
    }

    /// "UK citizens visiting Australia" / "Australian citizens visiting the UK": with each name
    /// spelled as the other prompt spells it, two names have traded places. Only a swap counts
    /// here; a name moved along with its demonym ("the cost of a wedding in the US" / "a typical
    /// American wedding's cost") is a rewording.
    private func namesTraded(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let orderA = a.wordOrder.namesSpelled(like: b.wordOrder, names: a.entities)
        guard orderA != a.wordOrder else { return nil }
        let swapsOnly = WordOrderRule(refusesAnyReordering: false)
        guard let refusal = swapsOnly.check(orderA, b.wordOrder) else { return nil }
        for x in orderA.alternativeReadings() where swapsOnly.check(x, b.wordOrder) == nil { return nil }
        for y in b.wordOrder.alternativeReadings() where swapsOnly.check(orderA, y) == nil { return nil }
        return refusal
    }

    /// "a knight fighting a dragon, told from the knight's point of view" / "… from the dragon's
    /// point of view": the same words, but one occurrence of a word has become another word of the
    /// prompt. Nothing moved, so the order check cannot see it; the roles changed all the same.
    private func repeatedWordTraded(_ a: WordOrder, _ b: WordOrder) -> GuardRefusal? {
        let countsA = a.contentUnits().counts, countsB = b.contentUnits().counts
        guard Set(countsA.keys) == Set(countsB.keys), countsA != countsB,
            countsA.values.reduce(0, +) == countsB.values.reduce(0, +),
            let fewer = countsA.keys.sorted().first(where: { countsA[$0]! > countsB[$0]! }),
            let more = countsA.keys.sorted().first(where: { countsA[$0]! < countsB[$0]! })
        else { return nil }
        return GuardRefusal(rule: name, detail: "one \(fewer) is now \(more)")
    }

    private func check(_ a: WordOrder, _ b: WordOrder) -> GuardRefusal? {
        let (inA, countsA) = a.contentUnits()
        let (inB, countsB) = b.contentUnits()
        let shared = inA.keys.filter { inB[$0] != nil && countsA[a.units[inA[$0]!]] == countsB[b.units[inB[$0]!]] }
            .sorted { inA[$0]! < inA[$1]! }
            .prefix(Self.maximumUnits)
        guard shared.count >= 2 else { return nil }
        // Between two task requests only a swap refuses (``TaskRequest``), when one run of words moved.
        let refusesReordering = refusesAnyReordering
            && !(a.isTaskRequest && b.isTaskRequest && Self.isOneRunMoved(Array(shared), shared.sorted { inB[$0]! < inB[$1]! }))
        if isTopicFronted(Array(shared), a, inA, b, inB) || areComparedEitherWay(a, b) { return nil }
        for (i, x) in shared.enumerated() {
            for y in shared[(i + 1)...] {
                // x precedes y in A; a swap needs y before x in B.
                guard inB[y]! < inB[x]! else { continue }
                // "A and B" read as "B and A" on both sides is the same question.
                let symmetric = a.onlyConnectors(between: inA[x]!, and: inA[y]!)
                    && b.onlyConnectors(between: inB[x]!, and: inB[y]!)
                // "capital of France" read as "France's capital" is the same phrase.
                let alternation = a.isPrepositionalAlternation(inA[x]!, inA[y]!, b, inB[x]!, inB[y]!)
                    || a.isSuperlativeAlternation(inA[x]!, inA[y]!, b, inB[x]!, inB[y]!)
                if !symmetric, !alternation, refusesReordering || isSwap(x, y, a, inA, b, inB) {
                    return GuardRefusal(rule: name, detail: "\(x) … \(y) ≠ \(y) … \(x)")
                }
            }
        }
        return nil
    }

    /// "How do I reverse a list in Python?" / "python reverse list", "How do I restart nginx on
    /// Ubuntu?" / "ubuntu restart nginx": keyword-style prompts put the topic first. The last
    /// content word of one prompt moved before every shared word of the other, the rest in their
    /// order, asks the same. With three shared words at least; with two ("center a div with css" /
    /// "css center a div") only a topic named after "in", "on", "with" or "using", and no number
    /// ("10 in binary" / "binary 10" are two questions), so a plain two-word swap never counts.
    /// A topic so named may also come from the middle ("How do I find duplicate rows in a SQL
    /// table?" / "sql find duplicate rows", "… in Google Sheets?" / "google sheets …") when the
    /// other prompt opens with it; a number then needs a third shared word. `shared` is in A's order.
    private func isTopicFronted(
        _ shared: [String], _ a: WordOrder, _ inA: [String: Int], _ b: WordOrder, _ inB: [String: Int]
    ) -> Bool {
        let inOrderOfB = shared.sorted { inB[$0]! < inB[$1]! }
        for (prompt, positions, order, otherOrder) in [(a, inA, shared, inOrderOfB), (b, inB, inOrderOfB, shared)] {
            guard let moved = order.last, let position = positions[moved],
                position == prompt.isContent.lastIndex(of: true),
                otherOrder == [moved] + Array(order.dropLast())
            else { continue }
            if shared.count >= 3 { return true }
            if prompt.namesTopic(at: position), !shared.contains(where: { $0.first?.isNumber ?? false }) { return true }
        }
        if shared.count >= 3 {
            let bothCompare = a.compares && b.compares
            for (keywords, keywordOrder, other) in [(a, shared, inOrderOfB), (b, inOrderOfB, shared)] {
                if isKeywordOpening(keywords, keywordOrder, other, comparing: bothCompare) { return true }
            }
        }
        if shared.count == 2, shared.contains(where: { $0.first?.isNumber ?? false }) { return false }
        for (named, positions, order, opening, openingPositions, openingOrder) in [
            (a, inA, shared, b, inB, inOrderOfB), (b, inB, inOrderOfB, a, inA, shared),
        ] {
            if isNamedTopicOpening(named, positions, order, opening, openingPositions, openingOrder) { return true }
        }
        return false
    }

    /// "What's the difference between weather and climate?" / "How is climate different from
    /// weather?", "Old Testament vs New Testament" / "How does the New Testament differ from the
    /// Old Testament?": when both prompts compare, the two things compared may trade places, as
    /// wholes: one prompt's content words are the other's, rotated, and nothing else.
    private func areComparedEitherWay(_ a: WordOrder, _ b: WordOrder) -> Bool {
        guard a.compares, b.compares else { return false }
        return Self.isRotation(b.comparedContent, of: a.comparedContent)
    }

    /// "git undo last commit keep changes" / "How do I undo the last git commit but keep my
    /// changes?", "table salt chemical formula" / "chemical formula for table salt": a prompt typed
    /// as keywords (lowercase, no auxiliary verb) opens with a run of the other's shared words put
    /// first, the rest in their order — or, when both prompts compare ("python tuple vs list" /
    /// "the difference between a list and a tuple in Python"), the things compared either way.
    /// Three shared words at least: two that trade places are a swap.
    private func isKeywordOpening(
        _ keywords: WordOrder, _ keywordOrder: [String], _ otherOrder: [String], comparing: Bool
    ) -> Bool {
        guard keywords.opensInLowercase, !keywords.hasAuxiliary, keywords.isContent.first == true,
            keywords.units.first == keywordOrder.first
        else { return false }
        for length in 1..<keywordOrder.count {
            let block = Array(keywordOrder.prefix(length))
            guard let start = otherOrder.firstIndex(of: block[0]), start + length <= otherOrder.count,
                Array(otherOrder[start..<(start + length)]) == block
            else { continue }
            let rest = otherOrder.filter { !block.contains($0) }, keywordRest = Array(keywordOrder.dropFirst(length))
            if rest == keywordRest || (comparing && Self.isRotation(rest, of: keywordRest)) { return true }
        }
        return false
    }

    /// Whether `y` is `x` with one run of its items moved elsewhere: "A B C D" → "A D B C" ("D"
    /// moved, or "B C"), not "C D A B" nor "B A D C".
    static func isOneRunMoved(_ x: [String], _ y: [String]) -> Bool {
        guard x.count == y.count, x != y else { return x == y }
        // Past the common start and end, what is left of `y` is what is left of `x`, rotated.
        var start = 0
        while x[start] == y[start] { start += 1 }
        var end = x.count
        while x[end - 1] == y[end - 1] { end -= 1 }
        return isRotation(Array(y[start..<end]), of: Array(x[start..<end]))
    }

    /// Whether `x` is `y` with its start moved to its end: "A B C" of "B C A" or "C A B".
    static func isRotation(_ x: [String], of y: [String]) -> Bool {
        x.count == y.count && x.count >= 2 && (1..<x.count).contains { x == Array(y[$0...] + y[..<$0]) }
    }

    /// Whether `opening`, written in keywords (no auxiliary verb), starts with a run of shared
    /// words that `named` has as a whole phrase right after "in", "on", "with" or "using" (an
    /// article between allowed), the other shared words in one order. A sentence that opens with
    /// a name ("Karen began a relationship with Steve" / "Steve began … with Karen") or a phrase
    /// cut short ("with new fitness equipment") is no topic put first.
    private func isNamedTopicOpening(
        _ named: WordOrder, _ positions: [String: Int], _ order: [String],
        _ opening: WordOrder, _ openingPositions: [String: Int], _ openingOrder: [String]
    ) -> Bool {
        guard let first = openingOrder.first, openingPositions[first] == 0, !opening.hasAuxiliary else { return false }
        // The run: the shared words at the opening's first positions, in a row.
        var run = 0
        while run < openingOrder.count - 1, openingPositions[openingOrder[run]] == run { run += 1 }
        for length in stride(from: run, through: 1, by: -1) {
            let topic = Array(openingOrder.prefix(length))
            guard let start = positions[topic[0]], named.namesTopic(at: start),
                topic.indices.allSatisfy({ positions[topic[$0]] == start + $0 }),
                start + length == named.units.count || !named.isContent[start + length]
            else { continue }
            if order.filter({ !topic.contains($0) }) == Array(openingOrder.dropFirst(length)) { return true }
        }
        return false
    }

    /// Whether `x` and `y` traded places: each now sits where the other sat, between the other's
    /// old neighbours, more than between its own. A word is placed with the run of shared words it
    /// moved with, so names of two words trading places ("John Smith betrays Mary Jones" / "Mary
    /// Jones betrays John Smith") are a swap too.
    private func isSwap(
        _ x: String, _ y: String, _ a: WordOrder, _ inA: [String: Int], _ b: WordOrder, _ inB: [String: Int]
    ) -> Bool {
        let (ax, bx) = Self.runSlots(a, inA[x]!, b, inB[x]!)
        let (ay, by) = Self.runSlots(a, inA[y]!, b, inB[y]!)
        let xTookYsPlace = bx.sharedNeighbours(with: ay)
        let yTookXsPlace = by.sharedNeighbours(with: ax)
        return xTookYsPlace >= 1 && yTookXsPlace >= 1
            && xTookYsPlace > bx.sharedNeighbours(with: ax)
            && yTookXsPlace > by.sharedNeighbours(with: ay)
    }

    /// The neighbours, in each prompt, of the longest run of content words around the unit at
    /// `i` in `a` and `j` in `b` that both prompts have in the same order.
    private static func runSlots(_ a: WordOrder, _ i: Int, _ b: WordOrder, _ j: Int) -> (WordOrder.Slot, WordOrder.Slot) {
        var before = 0, after = 0
        while i - before > 0, j - before > 0, a.isContent[i - before - 1],
            a.units[i - before - 1] == b.units[j - before - 1]
        {
            before += 1
        }
        while i + after + 1 < a.units.count, j + after + 1 < b.units.count, a.isContent[i + after + 1],
            a.units[i + after + 1] == b.units[j + after + 1]
        {
            after += 1
        }
        return (a.slot(i - before, i + after), b.slot(j - before, j + after))
    }

}
