import Foundation

/// Reading WordNet's database files: `index.*` (words and their senses), `data.*` (each sense's
/// file and pointers) and `*.exc` (irregular forms).
extension WordNet {
    /// Collects the senses of the data files in reading order.
    struct FactsReader {
        var keys: [UInt64] = []
        var lexicographerFiles: [UInt8] = []
        /// Each sense's relations, their targets still named by part of speech and file offset.
        var hypernyms = FlatLists<UInt64>()
        var antonyms = FlatLists<UInt64>()
        var heads = FlatLists<UInt64>()

        /// Each sense's number, by part of speech and file offset.
        func senseNumbers() -> [UInt64: Sense] {
            Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Sense($0)) })
        }
    }

    /// Calls `body` with each line's space-separated fields (up to a `|`), as byte ranges of one
    /// buffer: the files are 25 MB, and a String per field would take seconds to build.
    static func forEachLine(of path: String, _ body: (Fields) -> Void) throws {
        // Mapped, not read into the heap: a freed 15 MB block would raise glibc's mmap threshold and
        // leave the tables built after it scattered over a heap that stays resident.
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
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
    struct Fields {
        let bytes: UnsafeBufferPointer<UInt8>
        var ranges: [Range<Int>]

        var count: Int { ranges.count }

        func bytes(_ i: Int) -> [UInt8] { Array(bytes[ranges[i]]) }

        func appendField(_ i: Int, to buffer: inout [UInt8]) { buffer += bytes[ranges[i]] }

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

        /// A sense as the files name it: its part of speech and its byte offset in that part's data file.
        func senseKey(_ i: Int, _ pos: PartOfSpeech) -> UInt64? { number(i).map { pos.rawValue << 32 | $0 } }
    }

    /// `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`; the
    /// offsets are in order of frequency.
    static func readIndex(_ path: String, pos: PartOfSpeech, numbers: [UInt64: Sense]) throws -> WordTable {
        // Read in file order into flat arrays, then laid out sorted: no array per word.
        var read = WordTable()
        try forEachLine(of: path) { fields in
            guard fields.count > 4, let synsetCount = fields.number(2), let pointerCount = fields.number(3) else { return }
            let first = 4 + Int(pointerCount) + 2
            let last = min(first + Int(synsetCount), fields.count)
            guard first < last else { return }
            fields.appendField(0, to: &read.words.elements)
            read.words.closeList()
            read.senses.append(list: (first..<last).lazy.compactMap { fields.senseKey($0, pos).flatMap { numbers[$0] } })
        }
        let order = (0..<read.words.count).sorted { read.words[$0].lexicographicallyPrecedes(read.words[$1]) }
        var table = WordTable()
        table.words.elements.reserveCapacity(read.words.elements.count)
        table.senses.elements.reserveCapacity(read.senses.elements.count)
        for i in order {
            table.words.append(list: read.words[i])
            table.senses.append(list: read.senses[i])
        }
        return table
    }

    /// `inflected base…`, one irregular form per line ("mice mouse").
    static func readExceptions(_ path: String) throws -> [String: [String]] {
        var exceptions: [String: [String]] = [:]
        try forEachLine(of: path) { fields in
            if fields.count > 1 { exceptions[fields.string(0)] = (1..<fields.count).map(fields.string) }
        }
        return exceptions
    }
}

extension WordNet.FactsReader {
    /// `offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss`.
    /// Kept: the lexicographer file, hypernyms (`@`, `@i`), antonyms (`!`) and a satellite's heads (`&`).
    mutating func read(_ path: String, pos: WordNet.PartOfSpeech) throws {
        try WordNet.forEachLine(of: path) { fields in
            guard fields.count > 4, let own = fields.senseKey(0, pos), let file = fields.number(1),
                let wordCount = fields.number(3, radix: 16)
            else { return }
            let pointerField = 4 + 2 * Int(wordCount)
            guard let pointerCount = fields.number(pointerField) else { return }
            let isSatellite = fields.equals(2, "s")
            keys.append(own)
            lexicographerFiles.append(UInt8(truncatingIfNeeded: file))
            for p in 0..<Int(pointerCount) {
                let at = pointerField + 1 + 4 * p
                guard at + 3 < fields.count else { break }
                let isHypernym = fields.equals(at, "@") || fields.equals(at, "@i")
                let isHead = isSatellite && fields.equals(at, "&")
                guard isHypernym || isHead || fields.equals(at, "!") else { continue }
                let targetPos: WordNet.PartOfSpeech? =
                    fields.equals(at + 2, "n") ? .noun : fields.equals(at + 2, "a") || fields.equals(at + 2, "s") ? .adjective : nil
                guard let targetPos, let target = fields.senseKey(at + 1, targetPos) else { continue }
                if isHypernym {
                    hypernyms.elements.append(target)
                } else if isHead {
                    heads.elements.append(target)
                } else {
                    antonyms.elements.append(target)
                }
            }
            hypernyms.closeList()
            antonyms.closeList()
            heads.closeList()
        }
    }
}
