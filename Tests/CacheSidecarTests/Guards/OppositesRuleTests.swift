import Testing

@testable import CacheSidecar

@Suite struct OppositesRuleTests {
    let rule = OppositesRule()

    @Test(arguments: [
        ("how to enable dark mode", "how to disable dark mode"),
        ("Which way do I turn a bolt to loosen it?", "Which way do I turn a bolt to tighten it?"),
        ("How do I issue a full refund to a customer on Shopify?", "How do I issue a partial refund to a customer on Shopify?"),
        ("What does stiff peaks mean when whipping egg whites?", "What does soft peaks mean when whipping egg whites?"),
        // A glued hyphen joins a particle verb as a space would.
        ("What time is check-in at most hotels?", "What time is check-out at most hotels?"),
        ("When should I put winter tires on?", "When should I take winter tires off?"),
        ("how to turn on wifi", "how to turn the wifi off"),
        // The first particle after the verb is its own: "turning off on its own" turns nothing on.
        ("My TV keeps turning off on its own.", "My TV keeps turning on by itself."),
        ("dplyr keep only rows where x is NA", "dplyr drop rows where x is NA"),
        ("Where do object pronouns go with an affirmative command in Spanish?", "Where do object pronouns go with a negative command in Spanish?"),
        ("NI years needed for full state pension", "minimum NI years to get some state pension"),
        ("How much does a root canal on a front tooth cost?", "price of a root canal on a back tooth"),
        ("How long can a defensive player stay in the paint in the NBA?", "How long can an offensive player stay in the paint in the NBA?"),
        ("What does it mean when contour lines are far apart?", "What does it mean when contour lines are close together?"),
        ("What happens if I forget to tap out?", "What happens if I forget to tap in?"),
        ("What happens if my prepayment meter runs out of credit overnight?", "What happens if my prepayment meter runs out of credit during the day?"),
        ("Give me a checklist for moving out of my college dorm.", "Give me a checklist for moving into my college dorm."),
        ("increase my credit score", "decrease my credit score"),
        ("What were the main causes of the fall of Rome?", "What were the main consequences of the fall of Rome?"),
        ("JavaScript: run a function once after 5 seconds", "JavaScript: run a function every 5 seconds"),
        ("Oven time for bone-in chicken thighs?", "Oven time for boneless chicken thighs?"),
        ("In Risk, how many dice can the attacker roll?", "In Risk, how many dice can the defender roll?"),
        ("What's my notice period if I resign during probation?", "What's my notice period if I resign after probation?"),
        // "over the last month" is a span of time, not "more": "more" and "less" still contrast.
        ("Over the last month my cat drinks more water. Why?", "Over the last month my cat drinks less water. Why?"),
        ("what to eat before running", "what to eat after running"),
        ("maximum speed of a car", "minimum speed of a car"),
        ("the first president", "the last president"),
        ("remove leading zeros in excel", "remove trailing zeros in excel"),
        // Sorting without a direction sorts in ascending order.
        ("sort a javascript array of numbers", "sort a javascript array of numbers in descending order"),
        ("sum the even digits of a number", "sum the odd digits of a number"),
        ("filter rows where age > 30 and city is Paris", "filter rows where age > 30 or city is Paris"),
        ("email the report if the build fails", "email the report unless the build fails"),
        ("Do I have to register my drone?", "Can I register my drone?"),
        ("what does the groom wear to the rehearsal", "what does the bride wear to the rehearsal"),
        ("cost of removing the beginning of a linked list", "cost of removing the end of a linked list"),
        ("fruits to eat with diabetes", "fruits to avoid with diabetes"),
        ("make a form field required in django", "make a form field optional in django"),
        ("my phone charges when the case is on", "my phone charges unless the case is on"),
        ("the cheapest flight", "the most expensive flight"),
        ("how to gain weight", "how to lose weight"),
        ("should I buy bitcoin", "should I sell bitcoin"),
        ("switch to light mode", "switch to dark mode"),
        ("advantages of solar power", "disadvantages of solar power"),
        ("maximum dose of ibuprofen for adults", "maximum dose of ibuprofen for children"),
        ("when does daylight saving time start", "when does daylight saving time end"),
        ("can I return an item within 30 days", "can I return an item after 30 days"),
        ("opening hours on weekdays", "opening hours on weekends"),
        ("how do I delete a local branch in git", "how do I delete a remote branch in git"),
        ("delta baggage allowance for an international flight", "delta baggage allowance for a domestic flight"),
        ("Which planet is closest to the sun?", "Which planet is farthest from the sun?"),
        ("git undo last commit but keep the changes", "git undo last commit and throw away the changes"),
        ("How long do hard-boiled eggs last in the fridge?", "How long do soft-boiled eggs last in the fridge?"),
        ("How do I get a fresh coffee stain out of carpet?", "How do I get an old coffee stain out of carpet?"),
        ("How long should dough rise in a warm kitchen?", "How long should dough rise in a chilly kitchen?"),
        ("how do I turn left at a roundabout", "how do I turn right at a roundabout"),
        ("How do I deposit money into my PayPal account?", "How do I withdraw money from my PayPal account?"),
        ("How do I hire an employee in California?", "How do I fire an employee in California?"),
        ("How do I access the parent class in Python?", "How do I access the child class in Python?"),
        ("What are the tax benefits of owning a home?", "What are the tax benefits of renting a home?"),
        ("How do I allocate memory in C?", "How do I free memory in C?"),
        ("What is the opposite of generous?", "What is a synonym for generous?"),
        ("List five facts about Mars", "List five myths about Mars"),
        ("How long is a US passport valid for adults?", "How long is a US passport valid for minors?"),
        ("Can the buyer cancel after the home inspection?", "Can the seller cancel after the home inspection?"),
        ("Do I pay tax on an inheritance I give?", "Do I pay tax on an inheritance I receive?"),
        ("half marathon training plan for beginners", "full marathon training plan for beginners"),
        ("Can my employer read my work email?", "Can my employee read my work email?"),
        ("what does the lender check before a mortgage", "what does the borrower check before a mortgage"),
        ("how to freeze the top row in google sheets", "how to freeze the first column in google sheets"),
        ("Should I use a 301 redirect for a temporary URL change?", "Should I use a 301 redirect for a permanent URL change?"),
        ("Compare PostgreSQL and MySQL for a read-heavy workload", "Compare PostgreSQL and MySQL for a write-heavy workload"),
        ("Which blood type is the universal donor?", "Which blood type is the universal recipient?"),
        ("Write a persuasive essay in favor of school uniforms", "Write a persuasive essay against school uniforms"),
        ("Write a persuasive essay arguing for school uniforms.", "Write a persuasive essay arguing against school uniforms."),
        ("Difference between mitosis and meiosis", "Similarities between mitosis and meiosis"),
        ("VLOOKUP approximate match formula in Excel", "VLOOKUP exact match formula in Excel"),
        ("SQL: select rows where created_at is older than 7 days", "SQL: select rows where created_at is within the last 7 days"),
        ("Which houseplants are toxic to cats?", "Which houseplants are safe for cats?"),
        ("Reverse a singly linked list iteratively", "Reverse a singly linked list recursively"),
        ("Why does my React component render twice in development mode?", "Why does my React component render twice in the production build?"),
        ("bash: redirect command output to a file, overwriting it", "bash: redirect command output to a file, appending to it"),
        ("Implement a stack using two queues", "Implement a queue using two stacks"),
        ("Our project is 2 weeks ahead of schedule. Write a status update.", "Our project is 2 weeks behind schedule. Write a status update."),
        ("Give me 5 questions to ask a candidate", "Give me 5 questions to ask the interviewer"),
        // Both poles in both prompts, trading places.
        ("My Outlook isn't sending emails but can still receive them", "My Outlook isn't receiving emails but can still send them"),
        // From a flight-training app (set 20).
        ("In turns around a point, where is the bank angle steepest?", "In turns around a point, where is the bank angle shallowest?"),
        ("What weather is typical with a cold front?", "What weather is typical with a warm front?"),
        ("wind from a northerly direction", "wind from a southerly direction"),
        // From a knitting app (set 24).
        ("My gauge swatch has too many stitches per inch", "My gauge swatch has too few stitches per inch"),
        // Sets 27 and 28.
        ("What does the first layer look like when the nozzle is too far from the bed?", "What does the first layer look like when the nozzle is too close to the bed?"),
        ("How do I dock when the wind is blowing me onto the dock?", "How do I dock when the wind is blowing me off the dock?"),
        ("How do I set up delay alerts for my journey?", "How do I turn off delay alerts for my journey?"),
        // Sets 34–37.
        ("How can I tell which front leg my horse is lame on?", "How can I tell which hind leg my horse is lame on?"),
        ("Should return vents be high or low in a cooling climate?", "Should return vents be high or low in a heating climate?"),
        ("remove leading zeros", "keep leading zeros"),
        ("What happens to the data when the reclaimPolicy is Delete?", "What happens to the data when the reclaimPolicy is Retain?"),
        ("if either condition true", "if both conditions true"),
        ("SUMIFS multiple criteria", "SUMIF single criteria"),
        ("How much does an awake overnight shift cost?", "How much does a sleeping overnight shift cost?"),
        ("What does kubectl --dry-run=client do?", "What does kubectl --dry-run=server do?"),
        ("What should I do if my ear hurts on descent?", "What should I do if my ear hurts on ascent?"),
        // Sets 38–41.
        ("pre-1906 naturalization records", "Where do I find US naturalization records from after 1906?"),
        ("How much does a liftgate at delivery cost?", "How much does a liftgate at pickup cost?"),
        // Sets 42–45: a pole swapped in place while the other prompt names it elsewhere too.
        ("What does a positive hepatitis B surface antibody with a negative core antibody mean?",
         "What does a positive hepatitis B surface antibody with a positive core antibody mean?"),
        ("elevated anion gap causes", "low anion gap cause"),
        ("Should I repot my orchid after it finishes blooming?", "Should I repot my orchid while it's blooming?"),
    ])
    func oppositesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("how to enable dark mode", "how can I turn on dark mode"),
        ("how to disable notifications", "how do I turn notifications off"),
        // "Keep" before a verb goes on doing; it keeps nothing.
        ("My Wi-Fi keeps disconnecting every few minutes. What can I do?", "Wi-Fi drops out every couple of minutes. How do I fix it?"),
        ("pros and cons of nuclear power", "advantages and disadvantages of nuclear power"),
        ("the fastest way to learn", "the quickest way to learn"),
        ("what is the biggest city", "what is the largest city"),
        ("enabled features", "enabling features"),
        ("when does daylight saving time start", "when does DST begin"),
        ("how to start a front end project", "how to begin a front end project"),
        ("a movie for kids", "a movie for children"),
        ("How do I free memory in C?", "How do I release allocated memory in C?"),
        // Poles that trade places, and "and" for "or" in place (an mrpc pair labeled the same).
        ("pros and cons of remote work", "cons and pros of remote work"),
        ("The rioters shot one person and beat and stabbed others", "The rioters shot one person and beat or stabbed others"),
        // A slow thing sped up names no opposite: "speed up" is no pole (session 17).
        ("How do I speed up a slow computer?", "My pc is running slow, how can I make it faster?"),
        // Removing one thing while keeping another names both poles.
        ("How do I remove duplicates from a list in Python while preserving order?", "python: dedupe a list but keep the original order"),
        ("checklist for moving into a new apartment", "checklist for when I move in to a new apartment"),
        // mrpc, labeled the same: "within" is the opposite of "after", not of "later".
        ("A year or two later, 10 per cent of the youths had started to smoke",
         "Within two years, 10 percent of the youths had started to smoke"),
        ("best places to hang out on the weekend", "best places to hang out"),
        ("how long does it take to run a half marathon", "average half marathon finish time"),
        ("what should a seller disclose", "what must a vendor disclose"),
        ("sort dates in ascending order", "how to sort dates"),
        // Both poles, joined or compared, in either order.
        ("how to import and export contacts", "how to export and import contacts"),
        ("What's the difference between a debit card and a credit card?", "credit card vs debit card"),
        ("What's the difference between the Old Testament and the New Testament?", "How does the New Testament differ from the Old Testament?"),
        ("Why can I send but not receive email?", "I can send email but not receive it, why?"),
    ])
    func samePolePasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}

@Suite struct NegativePrefixRuleTests {
    let rule = NegativePrefixRule()

    @Test(arguments: [
        ("how to install node", "how to uninstall node"),
        ("is it possible to fly", "is it impossible to fly"),
        ("why do people like jazz", "why do people dislike jazz"),
        ("how to lock the screen", "how to unlock the screen"),
        ("activated account", "deactivated account"),
        ("How do I pin a message in Slack?", "How do I unpin a message in Slack?"),
        ("Is a stick pan safe in the oven?", "Is a nonstick pan safe in the oven?"),
        // The prefix written apart from its base still negates it.
        ("overtime rules for salaried exempt employees", "overtime rules for salaried non-exempt employees"),
        ("is a profit taxed in Texas", "is a non profit taxed in Texas"),
        // Contrary prefixes on one base.
        ("signs of an overactive bladder", "signs of an underactive bladder"),
        ("diet for hyperthyroidism", "diet for hypothyroidism"),
        ("should I upgrade the firmware", "should I downgrade the firmware"),
        ("What is an example of a prezygotic reproductive barrier?", "What is an example of a postzygotic reproductive barrier?"),
        ("intramolecular forces in water", "intermolecular forces in water"),
        ("What is endocytosis?", "What is exocytosis?"),
        // Hyphenated prefixes: contrary ones on one base, or a negating one against the bare base.
        ("What's my out-of-pocket maximum for in-network care?", "What's my out-of-pocket maximum for out-of-network care?"),
        ("Is parking on-site?", "Is parking off-site?"),
        ("How do I set up a pre-tax medical insurance deduction?", "How do I set up a post-tax medical insurance deduction?"),
        ("What's the price per kWh during peak hours?", "What's the price per kWh during off-peak hours?"),
        // Written apart, right before the base.
        ("can i work on campus on an f1 visa", "can i work off campus on an f1 visa"),
        ("Is the PS5 in stock?", "Is the PS5 out of stock?"),
        ("Is parking off-site?", "Is parking on site?"),
    ])
    func prefixedOppositesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("install node", "installing node"),
        ("is it impossible", "why is it impossible"),
        ("how to discover music", "how to find new music"),
        ("how to sign a pdf", "how to sign a document"),
        // Three letters after "un" count; "under" and "union" are no negations.
        ("what is under the bridge", "what is der Brücke"),
        ("how to join a union", "what is an ion"),
        // The prefix written apart is the same word.
        ("Can I put a nonstick pan in the dishwasher?", "Can I put a non-stick pan in the dishwasher?"),
        ("Is an antivirus needed on a Mac?", "Is an anti virus needed on a Mac?"),
        // Both prompts name the base bare, or both with the prefix.
        ("exempt vs non-exempt employees", "difference between exempt and non-exempt staff"),
        ("is a non-profit taxed", "are non profit organisations taxed"),
        ("What is best techniques to do Off Page Seo?", "What are the best SEO techniques for off-page SEO?"),
        ("off-peak train fares to Leeds", "off-peak fares for trains to Leeds"),
        ("Does my plan cover out-of-network care?", "Is out-of-network care covered by my plan?"),
        // A particle and a place, and a phrasal verb against the bare base, are no prefixes.
        ("How can I keep deer out of my garden?", "How do I stop deer eating everything in my garden?"),
        ("how to turn off wifi on iphone", "iphone wifi turn off"),
    ])
    func unrelatedPrefixesPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
