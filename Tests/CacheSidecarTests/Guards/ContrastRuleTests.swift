import Testing

@testable import CacheSidecar

/// The rule reads the WordNet that `scripts/install-deps.sh test` installs (Debian's
/// `wordnet-base`); without it these tests fail rather than pass on a rule that refuses nothing.
@Suite struct ContrastRuleTests {
    let rule = ContrastRule()

    @Test func wordNetIsInstalled() throws {
        let wordNet = try #require(WordNet.shared, "install wordnet-base (scripts/install-deps.sh) or set WORDNET_DIR")
        #expect(wordNet.senseCount > 90_000)
    }

    /// Look-alikes from apps measured after the guards' word lists were written (sets 18–20 and
    /// the hand-written prompts): words no list of ours names.
    @Test(arguments: [
        ("Do pulmonary arteries carry oxygenated or deoxygenated blood?", "Do pulmonary veins carry oxygenated or deoxygenated blood?"),
        ("How do I tell if a pedigree shows autosomal dominant inheritance?", "How do I tell if a pedigree shows autosomal recessive inheritance?"),
        ("What is primary succession?", "What is secondary succession?"),
        ("Where does transcription occur in eukaryotic cells?", "Where does transcription occur in prokaryotic cells?"),
        ("How much does a root canal on a molar cost?", "How much does a root canal on a premolar cost?"),
        ("networkpolicy default deny all egress in namespace payments", "networkpolicy default deny all ingress in namespace payments"),
        ("gross MRR churn formula", "net MRR churn formula"),
        ("What is the formula for magnesium carbonate?", "What is the formula for magnesium oxide?"),
        ("What is the half-life of caffeine?", "What is the half-life of nicotine?"),
        ("How do I get rid of aphids on my succulents?", "How do I get rid of mealybugs on my succulents?"),
        ("Can I eat brie while pregnant?", "Can I eat cheddar while pregnant?"),
        ("Explain endothermic reactions with examples", "Explain exothermic reactions with examples"),
        ("What is the electron configuration of copper?", "What is the electron configuration of actinium?"),
        ("Is it normal to feel pain in my knee after running?", "Is it normal to feel pain in my shin after running?"),
        // Two prompts that both say "rock" name two rocks, not one rock twice.
        ("Is limestone a clastic or chemical sedimentary rock?", "Is sandstone a clastic or chemical sedimentary rock?"),
        // Antonyms through a satellite's head: "moist" is similar to "wet", whose antonym is "dry".
        ("moist adiabatic lapse rate value", "dry adiabatic lapse rate value"),
        ("How does compound interest work?", "How does simple interest work?"),
        ("When turning to a northerly heading, should I undershoot?", "When turning to a southerly heading, should I undershoot?"),
    ])
    func refusesAWordSetAgainstTheOther(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    /// Near-synonyms WordNet files as sister kinds, rewordings, and words that only one prompt has.
    @Test(arguments: [
        ("What are the symptoms of strep throat", "what are the signs of strep throat"),
        ("Adviser to the city planning commission.", "The town planning commission adviser."),
        ("How do I move files into a directory?", "How do I move files into a folder?"),
        ("How do I say thank you to my boss?", "How do I say thank you to my manager?"),
        ("Is xylitol toxic to dogs?", "Is xylitol poisonous for dogs?"),
        ("Is it safe to eat raw eggs?", "Is it safe to eat raw eggs while pregnant?"),
        ("Can cats eat tuna?", "What fish can cats eat safely, and is canned tuna one of them?"),
        // One pole in any sense: near-synonyms, though "used" is also "exploited", set against "used".
        ("The `hash` parameter is used to specify a hash", "The `hash` parameter is utilized to specify a hash"),
        // A particle is no kind of thing.
        ("Does ibuprofen slow down fracture healing?", "does ibuprofen affect bone healing after a fracture"),
        // Number words are the number rule's.
        ("their third straight week of gains", "their three straight weeks of gains"),
        // Two-letter words are symbols and states more often than elements ("AL" / "AR", "PM").
        ("rehab center in Calhoun County AR", "rehab center in Calhoun County AL"),
    ])
    func passesRewordings(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesBothWordsAndTheRelation() throws {
        let kinds = try #require(check(rule, "Do pulmonary arteries carry blood?", "Do pulmonary veins carry blood?"))
        #expect(kinds.rule == "contrasts")
        #expect(kinds.detail == "arteries ≠ veins (kinds of one thing)")
        #expect(check(rule, "What is primary succession?", "What is secondary succession?")?.detail == "primary ≠ secondary (antonyms)")
    }

    /// Compounds with one last part: their first parts are compared (sets 31 and 32).
    @Test func compoundsAreComparedByTheirFirstParts() throws {
        #expect(refusesBothWays(rule, "What's the notation for kingside castling?", "What's the notation for queenside castling?"))
        #expect(refusesBothWays(
            rule, "What's the best feed rate for a 1/4 inch downcut bit on a CNC?", "What's the best feed rate for a 1/4 inch upcut bit on a CNC?"))
        #expect(check(rule, "kingside castling notation", "queenside castling notation")?.detail == "kingside ≠ queenside (king / queen: antonyms)")
        // Endings are no last part, and first parts that are not set against each other pass.
        #expect(passesBothWays(rule, "It is the fifth highest building in Russia", "It is the fifth tallest building in Russia"))
        #expect(passesBothWays(rule, "The highway was cancelled in 1954", "The motorway was cancelled in 1954"))
        #expect(passesBothWays(rule, "Drugs were seized nationwide", "Drugs were seized countrywide"))
    }

    @Test func withoutWordNetItRefusesOnlyNumerals() {
        let rule = ContrastRule(wordNet: nil)
        #expect(passesBothWays(rule, "Do pulmonary arteries carry blood?", "Do pulmonary veins carry blood?"))
        #expect(refusesBothWays(rule, "What separates during anaphase I of meiosis?", "What separates during anaphase II of meiosis?"))
    }

    /// Roman numerals in capitals, one of them longer than a letter: the pronoun "I" and a letter
    /// alone never count.
    @Test func romanNumeralsInOneSlot() {
        #expect(refusesBothWays(rule, "What separates during anaphase I of meiosis?", "What separates during anaphase II of meiosis?"))
        #expect(refusesBothWays(rule, "Symptoms of type I diabetes", "Symptoms of type II diabetes"))
        #expect(check(rule, "anaphase I", "anaphase II")?.detail == "I ≠ II (numerals)")
        #expect(passesBothWays(rule, "Can I go now?", "Can V go now?"))
        #expect(passesBothWays(rule, "What happened in world war ii?", "What happened in World War II?"))
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "What is primary succession?", incoming: "What is secondary succession?")?.rule == "contrasts")
    }

    @Test func wordNetReadsInflectionsAndRelations() throws {
        let wordNet = try #require(WordNet.shared)
        #expect(wordNet.senses(of: "arteries", as: .noun) == wordNet.senses(of: "artery", as: .noun))
        #expect(wordNet.senses(of: "mice", as: .noun) == wordNet.senses(of: "mouse", as: .noun))
        #expect(!wordNet.senses(of: "larger", as: .adjective).isEmpty)
        #expect(wordNet.senses(of: "qwertyuiop", as: .noun).isEmpty)
        #expect(ContrastRule.related(.init("dog", wordNet), .init("animal", wordNet)))
        #expect(!ContrastRule.related(.init("arteries", wordNet), .init("veins", wordNet)))
    }
}

@Suite struct SubstitutedWordsTests {
    private func slots(_ a: String, _ b: String) -> [[String]] {
        SubstitutedWords.slots(a.split(separator: " ").map(String.init), b.split(separator: " ").map(String.init))
            .map { $0.first + ["→"] + $0.second }
    }

    @Test func aWordInAnothersPlaceIsASlot() {
        #expect(slots("do pulmonary arteries carry blood", "do pulmonary veins carry blood") == [["arteries", "→", "veins"]])
        #expect(slots("a b c", "x b y") == [["a", "→", "x"], ["c", "→", "y"]])
    }

    @Test func addedWordsAndLongRewordingsAreNoSlots() {
        #expect(slots("eat raw eggs", "eat raw eggs while pregnant").isEmpty)
        #expect(slots("what is it", "can you tell me all about what it is").isEmpty)
        #expect(slots("a b c d e f", "a w x y z f").isEmpty)
    }
}
