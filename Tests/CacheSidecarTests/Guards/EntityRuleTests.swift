import Testing

@testable import CacheSidecar

@Suite struct EntityRuleTests {
    let rule = EntityRule()

    @Test(arguments: [
        ("What is the weather in Paris?", "What is the weather in London?"),
        ("Should I learn Python or Go?", "Should I learn Java or Go?"),
        ("Is the iPhone worth it?", "Is the Pixel worth it?"),
        ("How big is the USA?", "How big is the UK?"),
        // "US" in capitals is a name, though "us" is a pronoun.
        ("Can a US citizen work in Canada?", "Can an Irish citizen work in Canada?"),
        // Dense with names, so mostly capitalised, but no headline: its function words are lower case.
        (
            "Cast: Maria Lopez as Anna, John Reyes as Peter, Lucy Tan as Clara.",
            "Cast: Maria Lopez as Julia, John Reyes as Peter, Lucy Tan as Clara."
        ),
    ])
    func otherNamesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("What is the capital of France?", "What's France's capital city?"),
        ("Best way to learn Python?", "best way to learn python"),
        ("Why is India so poor?", "Why are Indians so poor?"),
        ("HOW DO I LEARN JAVA", "How do I learn Java?"),
        ("How To Make A Cake At Home", "how to bake a cake at home"),
        ("How to Make a Cake at Home", "how to make a cake at home"),
        ("Why did Trump win?", "Why did Donald Trump win?"),
        ("How many states are in the US?", "How many states are in the United States?"),
        ("best places to retire in the USA", "best places to retire in America"),
        ("Is tea popular in the UK?", "Is tea popular in Britain?"),
        ("How do closures work in JS?", "How do closures work in JavaScript?"),
    ])
    func sameNamesPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func anAddedNameIsRefusedWhenAsked() {
        #expect(refusesBothWays(EntityRule(refusesAddedName: true), "Why did Trump win?", "Why did Donald Trump win?"))
    }
}
