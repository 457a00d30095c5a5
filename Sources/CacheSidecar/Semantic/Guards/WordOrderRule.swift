/// Refuses when two words have traded places: "10 miles to km" vs "10 km to miles",
/// "convert USD to EUR" vs "convert EUR to USD", "is A bigger than B" vs "is B bigger than A".
///
/// Embeddings are nearly blind to order (mean pooling), so this rule carries the whole burden.
/// A swap is told apart from a harmless reordering ("In 2010 he moved to Paris" vs "He moved to
/// Paris in 2010") by context: after a swap each word sits where the *other* word sat, between the
/// other word's old neighbours; after a move a phrase keeps its own neighbours.
/// A word that occurs more than once is traced occurrence by occurrence, when both prompts have it
/// equally often ("pull on dark matter, as no other matter" / "pull on other matter, as no dark matter").
/// Swaps across symmetric connectors ("A and B", "A or B", "A vs B") change nothing and pass, and
/// so do two alternations of English: "capital of France" / "France's capital" and "the fastest
/// animal" / "which animal is the fastest".
///
/// `refusesAnyReordering` goes further and refuses every change in the order of shared content
/// words but one, a topic moved to the front ("How do I reverse a list in Python?" / "python
/// reverse list"): adversarial rewrites ("the lowest rating in red and the highest in blue" vs the reverse)
/// scramble more than two words at once, and telling such a scramble from a harmless move needs a
/// parser. Refusing costs the paraphrases that reorder; that trade favours precision.
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
        guard let refusal = check(a.wordOrder, b.wordOrder) else { return nil }
        for (x, y) in [(a.wordOrder.clausesSwapped(), b.wordOrder), (a.wordOrder, b.wordOrder.clausesSwapped())] {
            if let x, let y, check(x, y) == nil { return nil }
        }
        return refusal
    }

    private func check(_ a: WordOrder, _ b: WordOrder) -> GuardRefusal? {
        let (inA, countsA) = a.contentUnits()
        let (inB, countsB) = b.contentUnits()
        let shared = inA.keys.filter { inB[$0] != nil && countsA[a.units[inA[$0]!]] == countsB[b.units[inB[$0]!]] }
            .sorted { inA[$0]! < inA[$1]! }
            .prefix(Self.maximumUnits)
        guard shared.count >= 2 else { return nil }
        if isTopicFronted(Array(shared), a, inA, b, inB) { return nil }
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
                if !symmetric, !alternation, refusesAnyReordering || isSwap(x, y, a, inA, b, inB) {
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
    /// `shared` is in A's order.
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
            let namedAsTopic = position > 0 && Self.topicPrepositions.contains(prompt.units[position - 1])
            if namedAsTopic, !shared.contains(where: { $0.first?.isNumber ?? false }) { return true }
        }
        return false
    }

    static let topicPrepositions: Set<String> = ["in", "on", "with", "using"]

    private func isSwap(
        _ x: String, _ y: String, _ a: WordOrder, _ inA: [String: Int], _ b: WordOrder, _ inB: [String: Int]
    ) -> Bool {
        let ax = a.slot(inA[x]!), ay = a.slot(inA[y]!)
        let bx = b.slot(inB[x]!), by = b.slot(inB[y]!)
        let xTookYsPlace = bx.sharedNeighbours(with: ay)
        let yTookXsPlace = by.sharedNeighbours(with: ax)
        return xTookYsPlace >= 1 && yTookXsPlace >= 1
            && xTookYsPlace > bx.sharedNeighbours(with: ax)
            && yTookXsPlace > by.sharedNeighbours(with: ay)
    }

}
