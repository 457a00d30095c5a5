import Testing

@testable import CacheSidecar

@Suite struct PossessorRuleTests {
    let rule = PossessorRule()

    @Test(arguments: [
        ("git rebase: how do I keep my changes?", "git rebase: how do I keep their changes?"),
        ("write an email asking why they have not paid our invoice", "write an email explaining why we have not paid their invoice"),
        ("can my landlord enter my flat without notice", "can my landlord enter his flat without notice"),
    ])
    func theSpeakersThingAgainstSomeoneElsesIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // Second person is the same question asked the other way round.
        ("how do I reset my password", "how do you reset your password"),
        // Someone in general is the speaker.
        ("How does someone start their own business?", "How can I start my own business?"),
        ("How can I improve my handwriting?", "How can one improve his handwriting?"),
        // Naming both owners on one side is neutral.
        ("git rebase: keep my changes or their changes?", "git rebase: how do I keep their changes?"),
    ])
    func theSameOwnerPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
