/// Refuses when a word in one prompt takes the place of a word WordNet sets against it: an
/// antonym ("primary" / "secondary succession", "offensive" / "defensive player"; also through
/// an adjective satellite's head: "moist" is similar to "wet", set against "dry") or another
/// kind of the same natural thing — animals, body parts, foods, plants, substances
/// ("pulmonary arteries" / "pulmonary veins", "ethene" / "ethyne", "dominant" / "recessive
/// inheritance"); or a Roman numeral in another's place ("anaphase I" / "anaphase II").
///
/// ``Kinds`` and ``Opposites`` list what the apps measured so far ask about; each new app brought
/// words they lacked. WordNet (``WordNet``) knows the general vocabulary of every app. Its
/// broader relations are too broad to refuse on: other kinds of people, places, documents or
/// acts are near-synonyms as often as not ("city" / "town", "boss" / "manager",
/// "symptoms" / "signs"), so only natural kinds count, and only in the same slot of two prompts
/// worded alike (``SubstitutedWords``). A word related to any word of the other prompt (the
/// same sense, or one names the other's class) is a rewording, not a swap.
public struct ContrastRule: GuardRule {
    public var name: String { "contrasts" }

    private let wordNet: WordNet?

    /// With ``WordNet/shared``, or another database (tests).
    public init(wordNet: WordNet? = WordNet.shared) {
        self.wordNet = wordNet
    }

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        for slot in SubstitutedWords.slots(a, b) {
            if let (x, y) = Self.romanNumerals(slot, a, b) {
                return GuardRefusal(rule: name, detail: "\(x.uppercased()) ≠ \(y.uppercased()) (numerals)")
            }
            guard let wordNet else { continue }
            let swappedA = swapped(slot.first, of: a, against: b, wordNet)
            guard !swappedA.isEmpty else { continue }
            let swappedB = swapped(slot.second, of: b, against: a, wordNet)
            for x in swappedA {
                for y in swappedB {
                    if let relation = Self.contrast(x, y, wordNet) {
                        return GuardRefusal(rule: name, detail: "\(x) ≠ \(y) (\(relation))")
                    }
                    if let (headX, headY) = Self.compoundHeads(x, y, wordNet), let relation = Self.contrast(headX, headY, wordNet) {
                        return GuardRefusal(rule: name, detail: "\(x) ≠ \(y) (\(headX) / \(headY): \(relation))")
                    }
                }
            }
        }
        return nil
    }

    /// Words that are mostly particles of a verb, whose noun senses mislead ("slow down").
    static let particles: Set<String> = ["down", "out", "off", "over", "away", "around"]

    /// Roman numerals in capitals in one slot ("anaphase I" / "anaphase II", "type I" / "type II"):
    /// the number rule reads them only after a capitalised word ("World War II",
    /// ``NumberWords/romanNumeral(_:at:)``). One of them must be longer than a letter, so the
    /// pronoun "I" or a letter "V" alone never counts.
    static func romanNumerals(_ slot: SubstitutedWords.Slot, _ a: PromptFeatures, _ b: PromptFeatures) -> (String, String)? {
        guard slot.first.count == 1, slot.second.count == 1 else { return nil }
        let (x, y) = (slot.first[0], slot.second[0])
        guard x != y, NumberWords.romanValue(x) != nil, NumberWords.romanValue(y) != nil, max(x.count, y.count) > 1,
            a.tokens.contains(where: { $0.text == x && $0.isCapitalized }),
            b.tokens.contains(where: { $0.text == y && $0.isCapitalized })
        else { return nil }
        return (x, y)
    }

    /// The slot's content words that the other prompt neither has nor rewords. Only the other
    /// prompt's own words can reword one: "limestone" / "sandstone" in two prompts that both say
    /// "rock" are two rocks, not a rock named twice.
    private func swapped(_ words: [String], of own: PromptFeatures, against other: PromptFeatures, _ wordNet: WordNet) -> [String] {
        let candidates = words.filter { word in
            // Number words are the number rule's ("third" / "three" straight weeks), and a particle
            // is no kind of thing ("slow down" is no down feather).
            word.count > 2 && !FunctionWords.contains(word) && !NumberWords.isNumberWord(word) && !Self.particles.contains(word)
                && !other.wordSet.contains(word)
        }
        guard !candidates.isEmpty else { return [] }
        let rewordings = other.tokens.filter { $0.kind == .word && !FunctionWords.contains($0.text) && !own.wordSet.contains($0.text) }
            .map { Lineage($0.text, wordNet) }
        return candidates.filter { word in
            let lineage = Lineage(word, wordNet)
            return !rewordings.contains { Self.related(lineage, $0) }
        }
    }

    /// What sets two words against each other in their two most frequent senses, or nil.
    static func contrast(_ x: String, _ y: String, _ wordNet: WordNet) -> String? {
        for pos in WordNet.PartOfSpeech.allCases {
            let sensesX = wordNet.senses(of: x, as: pos).prefix(2)
            let sensesY = wordNet.senses(of: y, as: pos).prefix(2)
            guard !sensesX.isEmpty, !sensesY.isEmpty else { continue }
            // Antonyms directly, or through a satellite's head ("moist" → "wet" ≠ "dry").
            // Words at one pole in any of these senses are near-synonyms ("used" / "utilized"),
            // whatever another sense's head is set against.
            let polesX = Set(sensesX.flatMap(wordNet.withHeads)), polesY = Set(sensesY.flatMap(wordNet.withHeads))
            if !polesX.isDisjoint(with: polesY) { return nil }
            if polesX.contains(where: { !polesY.isDisjoint(with: wordNet.antonyms(of: $0)) })
                || polesY.contains(where: { !polesX.isDisjoint(with: wordNet.antonyms(of: $0)) })
            {
                return "antonyms"
            }
            guard pos == .noun else { continue }
            for senseX in sensesX where isNaturalKind(senseX, wordNet) {
                for senseY in sensesY where senseY != senseX && isNaturalKind(senseY, wordNet) {
                    if areSisters(senseX, senseY, wordNet) { return "kinds of one thing" }
                }
            }
        }
        return nil
    }

    /// Two compounds with one last part and different first parts, each a word: "kingside" /
    /// "queenside" → king / queen, "upcut" / "downcut" → up / down. The last part must be a word
    /// of three letters or more, so endings ("highest" / "tallest", "gases" / "gasses") never
    /// count.
    static func compoundHeads(_ x: String, _ y: String, _ wordNet: WordNet) -> (String, String)? {
        let (a, b) = (Array(x.utf8), Array(y.utf8))
        var shared = 0
        while shared < min(a.count, b.count), a[a.count - 1 - shared] == b[b.count - 1 - shared] { shared += 1 }
        guard shared >= 3, a.count - shared >= 2, b.count - shared >= 2 else { return nil }
        let tail = String(decoding: a.suffix(shared), as: UTF8.self)
        let (headX, headY) = (String(decoding: a.dropLast(shared), as: UTF8.self), String(decoding: b.dropLast(shared), as: UTF8.self))
        let isWord = { (word: String) in !wordNet.allSenses(of: word).isEmpty }
        guard !FunctionWords.contains(headX), !FunctionWords.contains(headY), isWord(tail), isWord(headX), isWord(headY)
        else { return nil }
        return (headX, headY)
    }

    /// A parent or grandparent in common: kinds of one thing ("artery" / "vein": blood vessels;
    /// "copper" / "actinium": metallic elements). It also takes a class one level up for a sister
    /// ("dog" / "pet": animals), which the labeled pairs met once, on a pair not served.
    private static func areSisters(_ x: WordNet.Sense, _ y: WordNet.Sense, _ wordNet: WordNet) -> Bool {
        !wordNet.ancestors(of: x, levels: 2).isDisjoint(with: wordNet.ancestors(of: y, levels: 2))
    }

    private static func isNaturalKind(_ sense: WordNet.Sense, _ wordNet: WordNet) -> Bool {
        wordNet.lexicographerFile(of: sense).map(WordNet.naturalKindFiles.contains) ?? false
    }

    /// A word's senses and the classes they name within three steps, looked up once per word.
    struct Lineage {
        var word: String
        var senses: Set<WordNet.Sense>
        var classes: Set<WordNet.Sense>

        init(_ word: String, _ wordNet: WordNet) {
            self.word = word
            senses = wordNet.allSenses(of: word)
            classes = senses.reduce(into: []) { $0.formUnion(wordNet.ancestors(of: $1, levels: 3)) }
        }
    }

    /// One sense in common, one names the other's class within three steps, or one word's
    /// family ("reside" / "residence").
    static func related(_ x: Lineage, _ y: Lineage) -> Bool {
        if x.word.count > 4, y.word.count > 4, x.word.prefix(5) == y.word.prefix(5) { return true }
        return !x.senses.isDisjoint(with: y.senses) || !x.classes.isDisjoint(with: y.senses) || !y.classes.isDisjoint(with: x.senses)
    }
}
