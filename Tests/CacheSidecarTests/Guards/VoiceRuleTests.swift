import Testing

@testable import CacheSidecar

@Suite struct VoiceRuleTests {
    let rule = VoiceRule()

    @Test(arguments: [
        ("My dog is being attacked by the neighbour's dog, what do I do?", "My dog is attacking the neighbour's dog, what do I do?"),
        ("Why does my cat keep getting scratched by the kitten?", "Why does my cat keep scratching the kitten?"),
        ("what to do when your teen is getting bullied", "what to do when your teen is bullying"),
        ("My toddler keeps biting other kids at daycare. How should I handle it?",
         "My toddler keeps getting bitten by other kids at daycare. How should I handle it?"),
        ("In Macbeth, who is killed by Macduff?", "In Macbeth, who kills Macduff?"),
        ("Which team was beaten by Spain in the final?", "Which team beat Spain in the final?"),
    ])
    func aPassiveAgainstTheActiveIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // A plain passive is no change of roles.
        ("How is cheese made?", "How do you go about making cheese?"),
        ("my son is being bullied at school", "my son is getting bullied at school"),
        ("Is my teenager being bullied online?", "signs my teenager is being bullied online"),
        // A passive without an agent, or in a statement, says what happened either way.
        ("Who was the light bulb invented by?", "Who invented the light bulb?"),
        ("The bridge was designed by Eiffel.", "Eiffel designed the bridge."),
    ])
    func theSameVoicePasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesBothForms() throws {
        let refusal = try #require(check(rule, "keeps getting hit by his brother", "keeps hitting his brother"))
        #expect(refusal.detail == "hit (passive) ≠ hitting (active)")
    }
}
