import Testing

@testable import CacheSidecar

@Suite struct GenotypeRuleTests {
    let rule = GenotypeRule()

    /// Look-alikes of a genetics tutor's traffic (sets 3 and 20): cosine 1.000, as the model is uncased.
    @Test(arguments: [
        ("What is the phenotypic ratio of an Aa x Aa cross?", "What is the phenotypic ratio of an Aa x aa cross?"),
        ("In an AaBbCc x AaBbCc cross, what's the probability of an AaBbCc offspring?",
         "In an AaBbCc x AaBbCc cross, what's the probability of an aabbcc offspring?"),
        ("What is the phenotypic ratio of an AaBb x AaBb dihybrid cross?", "What is the phenotypic ratio of an AaBb x aabb test cross?"),
        ("Aa x AA offspring", "Aa x aa offspring"),
    ])
    func refusesOtherGenotypes(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // The same cross written either way round, or in other words around it.
        ("What is the phenotypic ratio of an Aa x aa cross?", "aa x Aa cross phenotype ratio"),
        // No capital beside its small letter: no genotype, whatever the case.
        ("Where can I recycle AA batteries?", "where can i recycle aa batteries"),
        ("How long is an AA meeting?", "How long is an aa meeting?"),
        ("What does BB cream do?", "what does bb cream do"),
    ])
    func passesTheSameGenotypesAndOtherWords(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalShowsBothCrosses() {
        #expect(check(rule, "an Aa x Aa cross", "an Aa x aa cross")?.detail == "Aa Aa ≠ Aa aa")
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "ratio of an Aa x Aa cross", incoming: "ratio of an Aa x aa cross")?.rule == "genotypes")
    }
}
