/// Regular English inflection, in both directions: the forms of a word ("enable" → "enables",
/// "enabled", "enabling"; "big" → "bigger", "biggest") and the stem of a form.
///
/// Generating a few forms too many is harmless (they are looked up, never shown), so the
/// rules stay simple instead of linguistically complete.
enum Inflection {
    static func forms(of word: String) -> [String] {
        var forms = [word, word + "s", word + "es", word + "ed", word + "ing", word + "er", word + "est"]
        if word.hasSuffix("e") {
            let stem = String(word.dropLast())
            forms += [word + "d", word + "r", word + "st", stem + "ing"]
        }
        if word.hasSuffix("y"), let last = word.dropLast().last, !isVowel(last) {
            let stem = String(word.dropLast())
            forms += [stem + "ies", stem + "ied", stem + "ier", stem + "iest", stem + "ily"]
        }
        if endsConsonantVowelConsonant(word), let last = word.last {
            let doubled = word + String(last)
            forms += [doubled + "ed", doubled + "ing", doubled + "er", doubled + "est"]
        }
        forms.append(word + "ly")
        return forms
    }

    /// The word without a regular suffix ("installed" → "install", "disabling" → "disabl").
    /// Only used to compare two words, so an odd stem is fine as long as both sides get the same one.
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "ed", "es", "s", "e"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    private static func isVowel(_ c: Character) -> Bool { "aeiou".contains(c) }

    /// Short words like "big", "stop", "win" double their last consonant: "bigger", "stopped".
    private static func endsConsonantVowelConsonant(_ word: String) -> Bool {
        let letters = Array(word)
        guard letters.count >= 3, letters.count <= 4 else { return false }
        let (a, b, c) = (letters[letters.count - 3], letters[letters.count - 2], letters[letters.count - 1])
        return !isVowel(a) && isVowel(b) && !isVowel(c) && !"wxy".contains(c)
    }
}
