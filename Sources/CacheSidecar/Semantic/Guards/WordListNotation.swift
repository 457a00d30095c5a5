/// The notation of the guards' word lists (``Opposites``, ``Kinds``), so a list reads as plain
/// English: groups separated by `|`, words within a group by spaces.
///
/// A word is inflected automatically ("enable" also matches "enabled", "enabling"; "cat" matches
/// "cats") unless written `=word`; `turn_on` is a particle verb whose particle may come up to three
/// words later ("turn the light on").
enum WordListNotation {
    struct Word {
        /// As written, without `=`: what a refusal's detail shows.
        var spelling: String
        var particle: String?
        /// The spellings a prompt's token is looked up by.
        var forms: Set<String>
    }

    /// "enable turn_on | disable" → [[enable, turn_on], [disable]].
    static func groups(_ line: String) -> [[Word]] {
        line.split(separator: "|").map { group in
            group.split(separator: " ").map { item in
                let exact = item.hasPrefix("=")
                let spelling = String(item.drop(while: { $0 == "=" }))
                let parts = spelling.split(separator: "_").map(String.init)
                return Word(
                    spelling: spelling,
                    particle: parts.count > 1 ? parts[1] : nil,
                    forms: Set(exact ? [parts[0]] : Inflection.forms(of: parts[0])))
            }
        }
    }
}
