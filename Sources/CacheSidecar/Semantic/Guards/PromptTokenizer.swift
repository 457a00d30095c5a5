/// Splits a prompt into ``PromptToken``s in one pass over its Unicode scalars.
///
/// Deliberately simple and allocation-light: it runs on every semantic candidate. Letters and digits
/// glued together are split ("10km" → 10, km; "iPhone14" → iphone, 14) so that numbers are always
/// seen as numbers, except ordinal suffixes ("3rd"), which stay one token.
enum PromptTokenizer {
    static func tokenize(_ prompt: String) -> [PromptToken] {
        let scalars = Array(prompt.unicodeScalars)
        var tokens: [PromptToken] = []
        tokens.reserveCapacity(scalars.count / 4)
        var sentenceStart = true
        var previousEnd = -1
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if isAlphanumeric(c) {
                let start = i
                i = endOfChunk(scalars, from: i)
                let glued = start == previousEnd
                let count = tokens.count
                appendChunk(scalars[start..<i], glued: glued, sentenceStart: sentenceStart, to: &tokens)
                if tokens.count > count { sentenceStart = false }
                previousEnd = i
            } else if let digit = superscriptDigits[c] {
                // "x²-9" is "x^2-9": a power, so the arithmetic rule sees its sign.
                let start = i
                var digits = [digit]
                i += 1
                while i < scalars.count, let next = superscriptDigits[scalars[i]] {
                    digits.append(next)
                    i += 1
                }
                tokens.append(PromptToken(.symbol, "^", isGlued: start == previousEnd))
                appendChunk(digits[...], glued: true, sentenceStart: false, to: &tokens)
                sentenceStart = false
                previousEnd = i
            } else if c.properties.isWhitespace {
                if c == "\n" { sentenceStart = true }
                i += 1
            } else {
                tokens.append(PromptToken(.symbol, String(Character(c)), isGlued: i == previousEnd))
                if ".?!;:".unicodeScalars.contains(c) { sentenceStart = true }
                i += 1
                previousEnd = i
            }
        }
        return tokens
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    /// ⁰¹²³⁴⁵⁶⁷⁸⁹ as the digits they raise to.
    private static let superscriptDigits: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = ["\u{00B9}": "1", "\u{00B2}": "2", "\u{00B3}": "3", "\u{2070}": "0"]
        for (offset, digit) in "456789".unicodeScalars.enumerated() { table[Unicode.Scalar(0x2074 + UInt32(offset))!] = digit }
        return table
    }()

    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" }

    /// A chunk is letters and digits, plus apostrophes inside words ("don't") and
    /// `.`/`,` inside numbers ("3.5", "1,000").
    private static func endOfChunk(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let c = s[i]
            if isAlphanumeric(c) {
                i += 1
            } else if i > start, i + 1 < s.count, isApostrophe(c), s[i - 1].properties.isAlphabetic,
                s[i + 1].properties.isAlphabetic
            {
                i += 1
            } else if i > start, i + 1 < s.count, c == "." || c == ",", isDigit(s[i - 1]), isDigit(s[i + 1]) {
                if c == ",", !isThousandsGroup(s, comma: i) { return i }
                i += 1
            } else {
                return i
            }
        }
        return i
    }

    /// "1,000" groups by three digits; anything else ("1,2") is a list.
    private static func isThousandsGroup(_ s: [Unicode.Scalar], comma i: Int) -> Bool {
        let groupEnd = i + 4
        guard groupEnd <= s.count, (i + 1..<groupEnd).allSatisfy({ isDigit(s[$0]) }) else { return false }
        return groupEnd == s.count || !isDigit(s[groupEnd])
    }

    /// Splits a chunk at letter/digit boundaries and appends the pieces.
    private static func appendChunk(
        _ chunk: ArraySlice<Unicode.Scalar>, glued: Bool, sentenceStart: Bool, to tokens: inout [PromptToken]
    ) {
        if numeronyms.contains(String(String.UnicodeScalarView(chunk)).lowercased()) {
            appendWord(chunk, glued: glued, sentenceStart: sentenceStart, to: &tokens)
            return
        }
        var pieceStart = chunk.startIndex
        var first = true
        while pieceStart < chunk.endIndex {
            let digits = isDigit(chunk[pieceStart])
            var end = pieceStart + 1
            while end < chunk.endIndex {
                let c = chunk[end]
                let isNumberPart = isDigit(c) || c == "." || c == ","
                if digits != isNumberPart { break }
                end += 1
            }
            let piece = chunk[pieceStart..<end]
            let isGlued = first ? glued : true
            if digits {
                // An ordinal suffix stays with its digits.
                if end < chunk.endIndex, let suffixEnd = ordinalSuffixEnd(chunk, at: end) {
                    tokens.append(PromptToken(.ordinal, String(String.UnicodeScalarView(piece)), isGlued: isGlued))
                    end = suffixEnd
                } else {
                    tokens.append(PromptToken(.number, String(String.UnicodeScalarView(piece)), isGlued: isGlued))
                }
            } else {
                appendWord(piece, glued: isGlued, sentenceStart: sentenceStart && first, to: &tokens)
            }
            first = false
            pieceStart = end
        }
    }

    /// Words whose digits count letters, not things ("k8s" is "kubernetes"): one word, no number.
    static let numeronyms: Set<String> = ["k8s", "i18n", "l10n", "a11y", "o11y", "p2p", "b2b", "b2c"]

    private static func ordinalSuffixEnd(_ chunk: ArraySlice<Unicode.Scalar>, at i: Int) -> Int? {
        guard i + 2 <= chunk.endIndex else { return nil }
        let suffix = String(String.UnicodeScalarView(chunk[i..<i + 2])).lowercased()
        guard ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
        // "4th" but not "4three"; the suffix must end the chunk or meet a digit.
        if i + 2 < chunk.endIndex, chunk[i + 2].properties.isAlphabetic { return nil }
        return i + 2
    }

    private static func appendWord(
        _ piece: ArraySlice<Unicode.Scalar>, glued: Bool, sentenceStart: Bool, to tokens: inout [PromptToken]
    ) {
        let original = String(String.UnicodeScalarView(piece))
        let isCapitalized = piece.first.map { $0.properties.isUppercase } ?? false
        let hasInnerCapital = piece.dropFirst().contains { $0.properties.isUppercase }
        // Only the first piece of an expansion was written with the capital ("I'm" → "i", "am").
        for (n, word) in Contractions.expand(original.lowercased()).enumerated() {
            tokens.append(
                PromptToken(
                    .word, word, isCapitalized: n == 0 && isCapitalized, hasInnerCapital: n == 0 && hasInnerCapital,
                    startsSentence: n == 0 && sentenceStart, isGlued: n == 0 ? glued : true))
        }
    }
}
