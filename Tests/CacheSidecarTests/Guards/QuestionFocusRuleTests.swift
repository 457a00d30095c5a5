import Testing

@testable import CacheSidecar

@Suite struct QuestionFocusRuleTests {
    let rule = QuestionFocusRule()

    @Test(arguments: [
        ("How many moons does Jupiter have?", "Which moons does Jupiter have?"),
        // Which thing against how much of it.
        ("What oil does a 2015 Toyota Camry take?", "How much oil does a 2015 Toyota Camry take?"),
        ("Who wrote Pride and Prejudice?", "When was Pride and Prejudice published?"),
        ("Who invented the telephone?", "Where was the telephone invented?"),
        ("How many planets are in the solar system?", "What are the planets in the solar system?"),
        ("number of official languages in Switzerland", "list the official languages of Switzerland"),
        ("Why was the Berlin Wall built?", "When was the Berlin Wall built?"),
        ("Where did the Renaissance start?", "When did the Renaissance start?"),
        ("What year did the Titanic sink?", "Why did the Titanic sink?"),
        // The doer against the one it was done to.
        ("Who killed Brutus?", "Who did Brutus kill?"),
        ("Who did Einstein influence?", "Einstein was influenced by whom?"),
        ("Who reports to the CEO?", "Who does the CEO report to?"),
        // A frequency against an amount or a count.
        ("How often should I feed an adult cat?", "How much should I feed my adult cat per day?"),
        ("how many times a day should I water a cactus", "how much should I water a cactus"),
        ("How often do I need to change the oil?", "How many oil changes do I need?"),
        // A frequency against a duration (set 37).
        ("How often does a mare come into season?", "How long does a mare's season last?"),
        ("How often should I exercise?", "How many minutes a day should I exercise?"),
        // An amount against a time (set 45).
        ("When is the annual registration fee charged?", "How much is the annual registration fee?"),
        // "How" in the place of "when" (set 45, and qqp pairs labeled different).
        ("When are farmers scored in Carcassonne?", "How are farmers scored in Carcassonne?"),
        ("How did the universe begin?", "When did the universe begin?"),
        // What a thing is against when, why or where it was.
        ("What was D-Day?", "When was D-Day?"),
        ("What is Murphy's Law?", "Why does Murphy's Law happen?"),
        ("What was the Magna Carta?", "When was the Magna Carta sealed?"),
    ])
    func aCountAgainstTheMembersIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("How many moons does Jupiter have?", "What is the number of moons of Jupiter?"),
        // An amount asked for by its measure, or "what's …?", is still an amount.
        ("What tire pressure should my car's tires be at?", "how much psi should my tires have"),
        ("How much should I tip a taxi driver in the US?", "US cab tipping — what's customary?"),
        // "By whom" asks for the doer wherever it stands; a quoted question word asks nothing.
        ("Who invented the first gun?", "When and by whom was the first gun invented?"),
        ("What's the difference between 'who' and 'whom'?", "when to use 'who' vs 'whom'"),
        ("ssh says Permission denied (publickey) when connecting to my server, whats causing it?",
         "Why do I get \"Permission denied (publickey)\" when I try to ssh into my server?"),
        // A duration is no count of things.
        ("How many minutes should I steam broccoli?", "Which steaming time is right for broccoli?"),
        // Asking both is neutral.
        ("Which countries use the euro, and how many are there?", "Which countries use the euro?"),
        ("Which moons does Jupiter have?", "What are the moons of Jupiter?"),
        ("When did the Titanic sink?", "What year did the Titanic sink?"),
        ("When and why was the Berlin Wall built?", "Why was the Berlin Wall built?"),
        // A list answers "where": only count and members, and time, reason and place, contrast.
        ("Where are the best ramen shops in Osaka?", "What are the best ramen shops in Osaka?"),
        // Both ask for the doer; "did" as the verb asks for the doer too.
        ("Who wrote Hamlet?", "Hamlet was written by whom?"),
        ("Who did it?", "Who broke the window?"),
        // "How many times", "the number of times" and "when" can ask how often.
        ("How often should I water a cactus?", "how many times a week should I water a cactus"),
        ("what does max_retries set? the number of times to retry", "how many times does max_retries retry"),
        ("how often should i replace my toothbrush", "when should a toothbrush be replaced"),
        // "How long" and "how many minutes" both ask for a duration; "how long ago" asks a time.
        ("how long should I boil an egg", "how many minutes to boil an egg"),
        ("How long ago did the dinosaurs die out?", "When did the dinosaurs die out?"),
        // "What is" and a time, a reason or a pick asks no definition.
        ("What is the deadline for filing taxes?", "When is the deadline for filing taxes?"),
        ("What is the importance of SEO?", "Why is SEO important?"),
        ("What is the best historical novel?", "The best historical novels? Why?"),
        ("What and when was the first rap song?", "What was the first rap song?"),
        ("What is a Roth IRA?", "Who is a Roth IRA for?"),
        // "How do I know when…" asks when (set 29).
        ("When do I use the law of sines?", "how do i know when to use law of sines"),
    ])
    func theSameFocusOrNoneClearPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "How many moons does Saturn have?", incoming: "Which moons does Saturn have?")?.rule
            == "question-focus")
    }
}
