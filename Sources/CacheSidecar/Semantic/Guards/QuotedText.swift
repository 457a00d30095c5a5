/// Text a prompt puts in quotes or backticks: "Translate 'the cat is sleeping' into French",
/// "What does `[] + {}` evaluate to?". Such text is the input the answer works on, so it must be
/// the same text, word for word: "'the cats are sleeping'" needs its own translation, though an
/// embedding of the whole prompt barely moves.
///
/// A quote opens after a space and before a word, and closes after a word and before a space, so
/// apostrophes ("don't", "the Smiths' house") are no quotes. Only short quotes count, the words
/// or phrase a question is about: a longer one is reported speech ("'It's routine for IBM to
/// …,' she said"), whose rewording is a paraphrase. Marks typed twice (``'' ``, as corpora
/// write them) are left out. Case, sentence punctuation and function words inside are ignored
/// ("'Where's the station?'" is "'Where is the station'"), except in code, where every sign and word
/// counts (`'%a'` is not `'a%'`). The quotes are also kept whole, function words and all (less
/// articles and the words an "'s" stands for), for ``QuotedTextRule`` to see a phrase that grew or a function
/// word that changed: "'good morning, how are you?'" is not "'good morning'", "'I had been
/// studying'" not "'I have been studying'".
enum QuotedText {
    /// Words and numbers a quote may hold.
    static let maximumLength = 8

    /// The prompt's quoted texts in order, each as its content words and symbols joined by spaces;
    /// and its code: the quoted texts that are code, then the calls written inline.
    static func extract(_ tokens: [PromptToken]) -> (quotes: [String], code: [String], whole: [String]) {
        var quoted: [String] = []
        var code: [String] = []
        var whole: [String] = []
        var i = 0
        while i < tokens.count {
            guard let closing = closingMark(opening: tokens, i) else {
                i += 1
                continue
            }
            var end = i + 1
            while end < tokens.count, !(tokens[end].text == closing && tokens[end].isGlued && end > i + 1) { end += 1 }
            guard end < tokens.count else { break }
            let inside = tokens[(i + 1)..<end]
            let doubled = tokens[end].text == inside.last?.text || end + 1 < tokens.count && tokens[end + 1].text == tokens[end].text
            let isCode = isCode(inside)
            let kept = isCode
                ? inside.map(\.text)
                : inside.filter { !sentencePunctuation.contains($0.text) && !FunctionWords.contains($0.text) }.map(\.text)
            if inside.filter({ $0.kind != .symbol }).count <= maximumLength, !doubled, !kept.isEmpty {
                let text = kept.joined(separator: " ")
                quoted.append(text)
                if isCode { code.append(text) }
                whole.append(
                    inside.filter { !sentencePunctuation.contains($0.text) && !ignoredWhole.contains($0.text) }.map(\.text)
                        .joined(separator: " "))
            }
            i = end + 1
        }
        return (quoted, code + calls(tokens), whole)
    }

    /// Calls written inline, quoted or not: "Does COUNT(*) include NULLs?" → "count ( * )". A name
    /// glued to its bracket is code ("COUNT (*)" with a space is prose as often).
    private static func calls(_ tokens: [PromptToken]) -> [String] {
        var calls: [String] = []
        for i in tokens.indices.dropFirst() where tokens[i].text == "(" && tokens[i].isGlued && tokens[i - 1].kind == .word {
            guard let close = tokens[(i + 1)...].prefix(maximumLength + 1).firstIndex(where: { $0.text == ")" }) else { continue }
            calls.append(tokens[(i - 1)...close].map(\.text).joined(separator: " "))
        }
        return calls
    }

    /// Code ("'%a'", "`a || b`"): a sign other than punctuation makes every word and sign count,
    /// "a" and "." too.
    private static func isCode(_ inside: ArraySlice<PromptToken>) -> Bool {
        inside.contains { $0.kind == .symbol && !sentencePunctuation.contains($0.text) && !proseSigns.contains($0.text) }
    }

    /// The mark that closes a quote opened at `i`, if a quote opens there.
    private static func closingMark(opening tokens: [PromptToken], _ i: Int) -> String? {
        let token = tokens[i]
        guard token.kind == .symbol, let closing = pairs[token.text], i + 1 < tokens.count, tokens[i + 1].isGlued,
            tokens[i + 1].text != token.text, i == 0 || tokens[i - 1].text != token.text
        else {
            return nil
        }
        // After a space, or after other punctuation ("(`x`)"), never glued to a word ("Smiths'").
        let afterWord = i > 0 && token.isGlued && tokens[i - 1].kind != .symbol
        return afterWord ? nil : closing
    }

    private static let pairs: [String: String] = [
        "'": "'", "\"": "\"", "`": "`", "\u{2018}": "\u{2019}", "\u{201C}": "\u{201D}", "«": "»",
    ]
    private static let sentencePunctuation: Set<String> = [".", ",", "!", "?", ";", ":"]
    /// Left out of whole quotes: articles ("'a well-known fact'" / "'well-known fact'") and what
    /// "'s" stands for, which ``Contractions`` drops ("where's" / "where is", "let's" / "let us").
    private static let ignoredWhole: Set<String> = ["a", "an", "the", "is", "has", "us"]
    /// Signs that prose uses inside quotes too ("'well-known'", "'Ms. Smith's'").
    private static let proseSigns: Set<String> = ["-", "–", "—", "'", "\u{2019}", "\""]
}
