import Testing

@testable import CacheSidecar

@Suite struct UnitRuleTests {
    let rule = UnitRule()

    @Test(arguments: [
        ("5 miles", "5 km"),
        ("10 miles to km", "10 km to miles"),
        ("$100 in cash", "€100 in cash"),
        ("convert miles to km", "convert miles to feet"),
        ("how many grams in a pound", "how many ounces in a pound"),
    ])
    func differentUnitsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("10 km", "10 kilometres"),
        ("lose 10 pounds", "lose 10 lbs"),
        ("lose 10 kg", "lose 10"),
        ("$5", "5 dollars"),
        ("convert miles to km", "convert miles into kilometers"),
    ])
    func sameUnitsPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
