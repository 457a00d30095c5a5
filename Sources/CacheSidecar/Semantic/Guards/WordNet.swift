import Foundation

/// Princeton WordNet 3.0's nouns and adjectives, read from the database files Debian's
/// `wordnet-base` installs (`/usr/share/wordnet`): which senses a word has, most frequent first,
/// each sense's broader senses (hypernyms), its antonyms, an adjective satellite's heads, and its
/// lexicographer file (`noun.animal`, `noun.body`…).
///
/// The guards' own word lists (``Kinds``, ``Opposites``) grow with each app's vocabulary;
/// WordNet knows the general vocabulary of every app already ("arteries" / "veins",
/// "ethene" / "ethyne", "primary" / "secondary succession"). ``ContrastRule`` reads it.
/// Only the few facts the rule needs are kept, for about 100 000 senses and 140 000 words, in
/// flat arrays rather than a dictionary and an array per word and per sense: every sidecar
/// holds them, and the flat form adds 10 MB of resident memory where the other added 34
/// (docs/BENCHMARKS.md).
public final class WordNet: Sendable {
    public enum PartOfSpeech: UInt64, Sendable, CaseIterable {
        case noun = 1
        case adjective = 3

        var fileSuffix: String { self == .noun ? "noun" : "adj" }

        /// WordNet's regular inflections ("arteries" → "artery", "larger" → "large").
        var detachments: [(suffix: String, replacement: String)] {
            switch self {
            case .noun:
                [("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                 ("men", "man"), ("ies", "y")]
            case .adjective: [("er", ""), ("est", ""), ("er", "e"), ("est", "e")]
            }
        }
    }

    /// A sense, numbered in the order the data files list them.
    public typealias Sense = UInt32

    /// Lexicographer files whose members are kinds of natural things: animals, body parts,
    /// foods, plants and substances (WordNet's `lexnames`).
    static let naturalKindFiles: Set<UInt8> = [5, 8, 13, 20, 27]

    private let nouns: WordTable
    private let adjectives: WordTable
    private let exceptions: [PartOfSpeech: [String: [String]]]
    /// Per sense.
    private let lexicographerFiles: [UInt8]
    private let hypernyms: Relation
    private let antonymRelation: Relation
    /// For an adjective satellite, the head it is similar to ("moist" → "wet"), which holds the
    /// antonym ("dry"): WordNet's indirect antonyms.
    private let heads: Relation

    /// Where `wordnet-base` puts the database; `WORDNET_DIR` names another folder.
    public static let defaultDirectory = "/usr/share/wordnet"

    /// The database the guards use, loaded once from `WORDNET_DIR` or ``defaultDirectory``;
    /// nil when it is not installed, and ``ContrastRule`` then refuses nothing.
    public static let shared: WordNet? = {
        let directory = ProcessInfo.processInfo.environment["WORDNET_DIR"] ?? defaultDirectory
        return try? WordNet(directory: directory)
    }()

    public init(directory: String) throws {
        var facts = FactsReader()
        for pos in PartOfSpeech.allCases {
            try facts.read("\(directory)/data.\(pos.fileSuffix)", pos: pos)
        }
        let numbers = facts.senseNumbers()
        nouns = try Self.readIndex("\(directory)/index.noun", pos: .noun, numbers: numbers)
        adjectives = try Self.readIndex("\(directory)/index.adj", pos: .adjective, numbers: numbers)
        var exceptions: [PartOfSpeech: [String: [String]]] = [:]
        for pos in PartOfSpeech.allCases {
            exceptions[pos] = try Self.readExceptions("\(directory)/\(pos.fileSuffix).exc")
        }
        self.exceptions = exceptions
        lexicographerFiles = facts.lexicographerFiles
        hypernyms = facts.hypernyms.compactMapElements { numbers[$0] }
        antonymRelation = facts.antonyms.compactMapElements { numbers[$0] }
        heads = facts.heads.compactMapElements { numbers[$0] }
    }

    public var senseCount: Int { lexicographerFiles.count }

    /// The word's senses as this part of speech, most frequent first, over its base forms
    /// (the word itself first, then its exceptions or regular inflections).
    public func senses(of word: String, as pos: PartOfSpeech) -> [Sense] {
        let table = pos == .noun ? nouns : adjectives
        var forms = [word]
        if let irregular = exceptions[pos]?[word] {
            forms += irregular
        } else {
            for (suffix, replacement) in pos.detachments where word.hasSuffix(suffix) && word.count > suffix.count {
                forms.append(String(word.dropLast(suffix.count)) + replacement)
            }
        }
        var seen = Set<String>()
        return forms.filter { seen.insert($0).inserted }.flatMap { table.senses(of: $0) }
    }

    /// Every sense of the word, nouns and adjectives.
    func allSenses(of word: String) -> Set<Sense> {
        Set(PartOfSpeech.allCases.flatMap { senses(of: word, as: $0) })
    }

    /// The broader senses within `levels` steps up ("artery" → "blood vessel" → "vessel").
    func ancestors(of sense: Sense, levels: Int) -> Set<Sense> {
        var found = Set<Sense>()
        var frontier = [sense]
        for _ in 0..<levels {
            frontier = frontier.flatMap { hypernyms[Int($0)] }
            found.formUnion(frontier)
        }
        return found
    }

    func antonyms(of sense: Sense) -> [Sense] { Array(antonymRelation[Int(sense)]) }

    /// The sense and, for an adjective satellite, its heads.
    func withHeads(_ sense: Sense) -> [Sense] { [sense] + heads[Int(sense)] }

    func lexicographerFile(of sense: Sense) -> UInt8? {
        Int(sense) < lexicographerFiles.count ? lexicographerFiles[Int(sense)] : nil
    }
}
