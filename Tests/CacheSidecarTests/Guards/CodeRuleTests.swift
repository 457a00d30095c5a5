import Testing

@testable import CacheSidecar

@Suite struct CodeRuleTests {
    let rule = CodeRule()

    @Test(arguments: [
        // qqp: cosine 0.998, served by every other stage before this rule.
        ("How does the HP OfficeJet 4620 compare to the HP LaserJet M604n?",
         "How does the HP OfficeJet 4620 compare to the HP LaserJet M604dn?"),
        ("Is the HP LaserJet M604n good for an office?", "Is the HP LaserJet M604 good for an office?"),
        // A model's tier.
        ("How do I shoot in RAW on an iPhone 15 Pro?", "How do I shoot in RAW on an iPhone 15?"),
        ("Is the Galaxy S24 Ultra waterproof?", "Is the Galaxy S24 Plus waterproof?"),
        ("What is the price of GPT-4o per million tokens?", "What is the price of GPT-4 per million tokens?"),
        ("Is the RTX 3080Ti worth it?", "Is the RTX 3080 worth it?"),
        ("Is 1080p good for gaming?", "Is 1080i good for gaming?"),
        ("Does the Pixel 8a have wireless charging?", "Does the Pixel 8 have wireless charging?"),
        ("Is the i7-12700K good for gaming?", "Is the i7-12700 good for gaming?"),
    ])
    func otherVariantsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Is the HP LaserJet M604n good for an office?", "Is the HP LaserJet M604n any good for offices?"),
        ("Explain the GPT-4 architecture", "Explain the GPT4 architecture"),
        ("What is the price of GPT-4o?", "How much does GPT 4o cost?"),
        ("Is the RTX 4070Ti worth it?", "Is the RTX 4070 Ti worth it?"),
        // "6yo" is an age, a number with its unit.
        ("Reading games for a 6yo", "Reading games for a 6 year old"),
        ("Are the 2016 MacBook Pros worth it?", "Is the 2016 MacBook Pro worth it?"),
        ("What are the pros and cons of an iPhone?", "iPhone: pros and cons?"),
        ("What are the symptoms of COVID-19?", "What are the symptoms of COVID 19?"),
        ("How do I apply for an H-1B visa?", "How do I apply for an H1B visa?"),
        // Numbers with their units or scales are quantities, the number and unit rules' business.
        ("Is 16GB of RAM enough?", "Is 16 GB of RAM enough?"),
        ("Book a table for 7pm", "Book a table for 7 pm"),
        ("Run a 10k in under an hour", "Run a 10 k in under an hour"),
        // A letter prefix against the bare number is an abbreviation.
        ("How do I upgrade to Win10?", "How do I upgrade to Windows 10?"),
        ("How do I set up 2FA on GitHub?", "How do I set up two-factor authentication on GitHub?"),
        // A number joined to words by hyphens is an age or a size, not a code.
        ("Sutherland is the 65-year-old co-founder of Evans & Sutherland", "Sutherland, 65, co-founded Evans & Sutherland"),
        ("reading a 33-page accusation", "reading 33 pages of accusation"),
        ("Macau gambling revenue hits record $38 bn", "Macau gambling revenue hits record US$38b"),
        ("Is it safe to drink 2 4lokos?", "Is it safe to drink 2 cans of 4loko?"),
        ("Why is the sky blue?", "Why does the sky look blue?"),
    ])
    func sameCodesOrNoCodesPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesWhatDiffers() throws {
        let refusal = try #require(check(rule, "HP LaserJet M604n", "HP LaserJet M604dn"))
        #expect(refusal.rule == "codes")
        #expect(refusal.detail == "m604n ≠ m604dn")
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "Is the M604n good?", incoming: "Is the M604dn good?")?.rule == "codes")
    }
}
