import Testing

@testable import CacheSidecar

@Suite struct UnitRuleTests {
    let rule = UnitRule()

    @Test(arguments: [
        ("5 miles", "5 km"),
        ("Redis: set a key that expires in 60 milliseconds", "Redis: set a key that expires in 60 seconds"),
        ("a timeout of 500ms", "a timeout of 500 s"),
        ("convert 8 GiB to GB", "convert 8 GB to GiB"),
        ("10 miles to km", "10 km to miles"),
        ("$100 in cash", "€100 in cash"),
        ("convert miles to km", "convert miles to feet"),
        ("how many grams in a pound", "how many ounces in a pound"),
        ("Which is heavier, a kilogram of feathers or a kilogram of steel?",
         "Which is heavier, a pound of feathers or a kilogram of steel?"),
        ("calories in a litre of milk", "calories in a gallon of milk"),
        ("is a cough in a 3-month-old serious", "is a cough in a 3-year-old serious"),
        ("oven temperature for bread in °C", "oven temperature for bread in °F"),
        ("cos of 45 degrees", "cos of 45 radians"),
    ])
    func differentUnitsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("10 km", "10 kilometres"),
        ("a 250ms delay", "a delay of 250 milliseconds"),
        ("lose 10 pounds", "lose 10 lbs"),
        ("lose 10 kg", "lose 10"),
        ("a 10-minute walk after dinner", "a 10 minute walk after dinner"),
        ("body temperature in fahrenheit", "body temperature in °F"),
        ("$5", "5 dollars"),
        ("convert miles to km", "convert miles into kilometers"),
        ("calories in a litre of milk", "calories in 1 litre of milk"),
        ("calories in a litre of milk", "calories in one liter of milk"),
        // Other unit words after "a" have everyday senses: rates, spans, "a bit", "a cup of coffee".
        ("how much water should I drink a day", "how much water should I drink per day"),
        ("Why is the logo of Java a cup of coffee?", "Why is the symbol for Java a mug of coffee?"),
        ("How do you find a percentage of two numbers?", "How do you find the percent of two numbers?"),
    ])
    func sameUnitsPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
