import Testing

@testable import CacheSidecar

@Suite struct QuotedTextRuleTests {
    let rule = QuotedTextRule()

    @Test(arguments: [
        ("Translate 'the cat is sleeping on the sofa' into French.", "Translate 'the cats are sleeping on the sofa' into French."),
        ("What does `[] + []` evaluate to in JavaScript?", "What does `[] + {}` evaluate to in JavaScript?"),
        ("What does “carpe diem” mean?", "What does “carpe noctem” mean?"),
        ("Is `COUNT(*)` faster than `COUNT(id)`?", "Is `COUNT(*)` faster than `COUNT(1)`?"),
        // Blanks are symbols: the quote is short in words.
        ("Who or whom: '___ did you see at the party?'", "Who or whom: '___ saw you at the party?'"),
        // In code every sign and word counts, in order.
        ("In SQL, what does WHERE name LIKE '%a' match?", "In SQL, what does WHERE name LIKE 'a%' match?"),
        // Calls written inline are code too.
        ("Does COUNT(*) include NULLs in SQL?", "Does COUNT(column) include NULLs in SQL?"),
        // Function words count when two or more are new: a longer phrase to translate.
        ("Translate 'good morning' into French", "Translate 'good morning, how are you?' into French."),
        ("what tense is 'I had been studying'", "what tense is 'I have been studying'"),
        ("is 'her voice was like music' a simile or metaphor", "is 'her voice was music' a simile or a metaphor"),
    ])
    func otherQuotedTextIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // Case, punctuation and function words inside the quotes do not matter.
        ("Translate 'Where is the train station?' into French", "how do you say 'where's the train station' in french"),
        ("What does 'YOLO' mean?", "What does “yolo” mean?"),
        // Quotes on one side only, and apostrophes, are no quoted text.
        ("What does 'YOLO' mean?", "What does YOLO mean?"),
        ("Can I enter my parents' house?", "Am I allowed to enter my parents' house?"),
        // A word that leaves the quotes but stays in the prompt.
        ("Putin 'wins presidential election'", "Putin 'wins' presidential election"),
        // Reported speech: a long quote is reworded as any sentence is.
        ("\"It's routine for IBM to challenge its internal IT teams to test new platforms,\" she said.",
         "\"It is routine for IBM to challenge its internal IT team to test new platforms.\""),
        // Marks typed twice, as corpora write them.
        ("`` Stowaway '' is the 17th episode of `` Fringe '' .", "`` Stowaway '' is the 17th episode of the series `` Fringe '' ."),
        // The same code quoted and written inline, or named twice.
        ("Does COUNT(*) include NULLs?", "Does `COUNT(*)` count NULL values?"),
        ("Use `data_files` with `load_dataset()`; `data_files` takes a URL", "`load_dataset()` takes URLs in `data_files`"),
        // Code quoted in one prompt and written plainly in the other.
        ("python ValueError: invalid literal for int() with base 10",
         "Why am I getting \"ValueError: invalid literal for int() with base 10\" in Python?"),
        // A hyphen in quotes is prose, whose function words do not count.
        ("Translate 'a well-known fact' into German", "Translate 'well-known fact' into German"),
    ])
    func theSameQuotedTextOrNonePasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "Translate 'good morning' into Spanish", incoming: "Translate 'good night' into Spanish")?.rule
            != nil)
        #expect(LookalikeGuard().refusal(cached: "Translate 'the boat' into Spanish", incoming: "Translate 'the boats' into Spanish")?.rule
            == "quoted-text")
    }
}
