import Foundation

/// Princeton WordNet 3.0's nouns and adjectives, read from the database files Debian's
/// `wordnet-base` installs (`/usr/share/wordnet`): which senses a word has, most frequent first,
/// each sense's broader senses (hypernyms), its antonyms, an adjective satellite's heads, and its
/// lexicographer file (`noun.animal`, `noun.body`…).
///
/// The guards' own word lists (``Kinds``, ``Opposites``) grow with each app's vocabulary;
/// WordNet knows the general vocabulary of every app already ("arteries" / "veins",
/// "ethene" / "ethyne", "primary" / "secondary succession"). ``ContrastRule`` reads it.
/// Only the few facts the rule needs are kept, for about 100 000 senses and 140 000 words: the
/// sidecar's resident memory grows by about 34 MB (docs/BENCHMARKS.md).
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

    /// A sense: its part of speech and its byte offset in that part's data file.
    public typealias Sense = UInt64

    struct SenseFacts: Sendable {
        var lexicographerFile: UInt8
        var hypernyms: [Sense]
        var antonyms: [Sense]
        /// For an adjective satellite, the head it is similar to ("moist" → "wet"), which holds
        /// the antonym ("dry"): WordNet's indirect antonyms.
        var heads: [Sense]
    }

    /// Lexicographer files whose members are kinds of natural things: animals, body parts,
    /// foods, plants and substances (WordNet's `lexnames`).
    static let naturalKindFiles: Set<UInt8> = [5, 8, 13, 20, 27]

    private let index: [PartOfSpeech: [String: [Sense]]]
    private let exceptions: [PartOfSpeech: [String: [String]]]
    private let facts: [Sense: SenseFacts]

    /// Where `wordnet-base` puts the database; `WORDNET_DIR` names another folder.
    public static let defaultDirectory = "/usr/share/wordnet"

    /// The database the guards use, loaded once from `WORDNET_DIR` or ``defaultDirectory``;
    /// nil when it is not installed, and ``ContrastRule`` then refuses nothing.
    public static let shared: WordNet? = {
        let directory = ProcessInfo.processInfo.environment["WORDNET_DIR"] ?? defaultDirectory
        return try? WordNet(directory: directory)
    }()

    public init(directory: String) throws {
        var index: [PartOfSpeech: [String: [Sense]]] = [:]
        var exceptions: [PartOfSpeech: [String: [String]]] = [:]
        var facts: [Sense: SenseFacts] = [:]
        for pos in PartOfSpeech.allCases {
            index[pos] = try Self.readIndex("\(directory)/index.\(pos.fileSuffix)", pos: pos)
            exceptions[pos] = try Self.readExceptions("\(directory)/\(pos.fileSuffix).exc")
            try Self.readData("\(directory)/data.\(pos.fileSuffix)", pos: pos, into: &facts)
        }
        self.index = index
        self.exceptions = exceptions
        self.facts = facts
    }

    public var senseCount: Int { facts.count }

    /// The word's senses as this part of speech, most frequent first, over its base forms
    /// (the word itself first, then its exceptions or regular inflections).
    public func senses(of word: String, as pos: PartOfSpeech) -> [Sense] {
        guard let index = index[pos] else { return [] }
        var forms = [word]
        if let irregular = exceptions[pos]?[word] {
            forms += irregular
        } else {
            for (suffix, replacement) in pos.detachments where word.hasSuffix(suffix) && word.count > suffix.count {
                forms.append(String(word.dropLast(suffix.count)) + replacement)
            }
        }
        var seen = Set<String>()
        return forms.filter { seen.insert($0).inserted }.flatMap { index[$0] ?? [] }
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
            frontier = frontier.flatMap { facts[$0]?.hypernyms ?? [] }
            found.formUnion(frontier)
        }
        return found
    }

    func antonyms(of sense: Sense) -> [Sense] { facts[sense]?.antonyms ?? [] }

    /// The sense and, for an adjective satellite, its heads.
    func withHeads(_ sense: Sense) -> [Sense] { [sense] + (facts[sense]?.heads ?? []) }

    func lexicographerFile(of sense: Sense) -> UInt8? { facts[sense]?.lexicographerFile }

    // MARK: Reading the database files

    /// Calls `body` with each line's space-separated fields (up to a `|`), as byte ranges of one
    /// buffer: the files are 25 MB, and a String per field would take seconds to build.
    private static func forEachLine(of path: String, _ body: (Fields) -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var fields = Fields(bytes: bytes, ranges: [])
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                // A line starting with a space is the licence; a gloss follows a "|".
                if bytes[lineStart] != UInt8(ascii: " ") {
                    let end = bytes[lineStart..<lineEnd].firstIndex(of: UInt8(ascii: "|")) ?? lineEnd
                    fields.ranges.removeAll(keepingCapacity: true)
                    var start = lineStart
                    for i in lineStart...end where i == end || bytes[i] == UInt8(ascii: " ") {
                        if i > start { fields.ranges.append(start..<i) }
                        start = i + 1
                    }
                    if !fields.ranges.isEmpty { body(fields) }
                }
                lineStart = lineEnd + 1
            }
        }
    }

    /// One line's fields, read without copying.
    private struct Fields {
        let bytes: UnsafeBufferPointer<UInt8>
        var ranges: [Range<Int>]

        var count: Int { ranges.count }

        func string(_ i: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[i]]), as: UTF8.self) }

        func number(_ i: Int, radix: UInt64 = 10) -> UInt64? {
            guard i < ranges.count, !ranges[i].isEmpty else { return nil }
            var value: UInt64 = 0
            for byte in bytes[ranges[i]] {
                let digit: UInt64
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
                default: return nil
                }
                value = value * radix + digit
            }
            return value
        }

        func equals(_ i: Int, _ text: StaticString) -> Bool {
            let range = ranges[i]
            guard range.count == text.utf8CodeUnitCount else { return false }
            return zip(bytes[range], UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
        }

        func sense(_ i: Int, _ pos: PartOfSpeech) -> Sense? { number(i).map { pos.rawValue << 32 | $0 } }
    }

    /// `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`; the
    /// offsets are in order of frequency.
    private static func readIndex(_ path: String, pos: PartOfSpeech) throws -> [String: [Sense]] {
        var index: [String: [Sense]] = [:]
        try forEachLine(of: path) { fields in
            guard fields.count > 4, let synsetCount = fields.number(2), let pointerCount = fields.number(3) else { return }
            let first = 4 + Int(pointerCount) + 2
            let last = min(first + Int(synsetCount), fields.count)
            guard first < last else { return }
            index[fields.string(0)] = (first..<last).compactMap { fields.sense($0, pos) }
        }
        return index
    }

    /// `inflected base…`, one irregular form per line ("mice mouse").
    private static func readExceptions(_ path: String) throws -> [String: [String]] {
        var exceptions: [String: [String]] = [:]
        try forEachLine(of: path) { fields in
            if fields.count > 1 { exceptions[fields.string(0)] = (1..<fields.count).map(fields.string) }
        }
        return exceptions
    }

    /// `offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss`.
    /// Kept: the lexicographer file, hypernyms (`@`, `@i`), antonyms (`!`) and a satellite's heads (`&`).
    private static func readData(_ path: String, pos: PartOfSpeech, into facts: inout [Sense: SenseFacts]) throws {
        try forEachLine(of: path) { fields in
            guard fields.count > 4, let own = fields.sense(0, pos), let file = fields.number(1),
                let wordCount = fields.number(3, radix: 16)
            else { return }
            let pointerField = 4 + 2 * Int(wordCount)
            guard let pointerCount = fields.number(pointerField) else { return }
            let isSatellite = fields.equals(2, "s")
            var entry = SenseFacts(lexicographerFile: UInt8(truncatingIfNeeded: file), hypernyms: [], antonyms: [], heads: [])
            for p in 0..<Int(pointerCount) {
                let at = pointerField + 1 + 4 * p
                guard at + 3 < fields.count else { break }
                let isHypernym = fields.equals(at, "@") || fields.equals(at, "@i")
                let isHead = isSatellite && fields.equals(at, "&")
                guard isHypernym || isHead || fields.equals(at, "!") else { continue }
                let targetPos: PartOfSpeech? =
                    fields.equals(at + 2, "n") ? .noun : fields.equals(at + 2, "a") || fields.equals(at + 2, "s") ? .adjective : nil
                guard let targetPos, let target = fields.sense(at + 1, targetPos) else { continue }
                if isHypernym {
                    entry.hypernyms.append(target)
                } else if isHead {
                    entry.heads.append(target)
                } else {
                    entry.antonyms.append(target)
                }
            }
            facts[own] = entry
        }
    }
}
