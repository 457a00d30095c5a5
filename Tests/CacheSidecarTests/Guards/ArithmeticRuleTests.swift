import Testing

@testable import CacheSidecar

@Suite struct ArithmeticRuleTests {
    let rule = ArithmeticRule()

    @Test(arguments: [
        ("solve x^2 - 5x + 6 = 0", "solve x^2 + 5x + 6 = 0"),
        // Superscripts are powers.
        ("factorise x²-9", "factorise x²+9"),
        // The same signs in another formula.
        ("d/dx (sin x)^2", "d/dx (x^2 sinx) ??"),
        ("solve x^2 - 5x + 6 = 0", "solve x^2 - 6x + 5 = 0"),
        ("what is 2^10", "what is 2*10"),
        ("find all x where x < 5", "find all x where x > 5"),
        ("simplify (a+b)/c", "simplify (a+b)*c"),
        ("evaluate 12 − 4 × 3", "evaluate 12 + 4 × 3"),
        // Operators of code, glued from several signs.
        ("What does 0 === '' return in JavaScript?", "What does 0 == '' return in JavaScript?"),
        ("if x >= 5 in python", "if x > 5 in python"),
        ("Explain rm -rf ./build && make", "Explain rm -rf ./build || make"),
        // A strict bound written as a sign is not an inclusive one.
        ("Do I use an open or closed circle for x ≥ 3 on a number line?", "Do I use an open or closed circle for x > 3 on a number line?"),
        ("solve x ≤ 4", "solve x ≠ 4"),
        // "a" after a glued sign is a variable.
        ("x^a * x^b exponent rule", "x^a / x^b exponent rule"),
        ("x^a * x^b exponent rule", "(x^a)^b rule"),
    ])
    func otherOperatorsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("solve x^2 - 5x + 6 = 0", "how do I solve x^2 - 5x + 6 = 0 step by step"),
        ("factorise x²-9", "factorise x^2 - 9"),
        // Brackets around a whole formula, and prose with slashes and hyphens, are no difference.
        ("Find the derivative of 3x^2 + 2x.", "d/dx (3x^2 + 2x)"),
        ("solve ln(x) = 5", "ln x = 5 find x"),
        ("Sen. Charles Schumer, D-N.Y., sent a letter", "Sen. Charles Schumer (D-N.Y.) sent a letter"),
        ("a good split of S/M/L/XL sizes for t-shirts", "a good split of S/M/L/XL sizes for sweat-shirts"),
        ("what is 5 + 3", "what is 5 plus 3"),
        ("covid-19 symptoms in children", "symptoms of covid 19 in kids"),
        ("is it and/or or just or", "when to write and/or"),
        ("solve 3x - 2 = 7", "solve 3x−2=7"),
        // Two operators compared, in either order; dashes and dots alone are no operator.
        ("What's the difference between == and === in JavaScript?", "In JS, how does === differ from ==?"),
        ("git push --force vs git push", "git push --force... when is it safe?"),
        // "A/B" and "A+" name things; "a" and "i" are variables only after a glued sign.
        ("I ran an A/B test, is variant B better?", "My A/B test shows variant B converting higher, with p = 0.2. Is it better?"),
        ("Is the CompTIA A+ exam hard?", "how hard is the comptia a+ exam"),
    ])
    func theSameArithmeticPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
