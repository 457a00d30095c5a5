/// Units of measure and currencies, each spelling mapped to one canonical name
/// ("kilometres", "kms", "km" → "km"), so "10 km" and "ten kilometres" agree and "5 miles" and "5 km" do not.
enum Units {
    struct Unit: Sendable {
        var canonical: String
        /// Means a unit even with no number next to it ("convert miles to km"). False for words with
        /// an everyday sense ("second", "pound", "yard", "degree", "m") which count only right after a number.
        var standsAlone: Bool
    }

    /// The unit a word spells, if any.
    static func unit(_ word: String) -> Unit? { table[word] }

    /// A unit of length, mass or volume (not "cup"): what "a pound of", "a litre of" measure out.
    static func measuresAmount(_ canonical: String) -> Bool {
        ["km", "m", "cm", "mm", "mile", "ft", "inch", "yard", "kg", "g", "lb", "oz", "ton", "l", "ml", "gallon", "tbsp",
         "tsp"].contains(canonical)
    }

    /// A period of time a rate can be counted per ("per hour", "a month").
    static func isPeriod(_ canonical: String) -> Bool {
        ["s", "min", "h", "day", "week", "month", "year"].contains(canonical)
    }

    /// A unit of time: the periods, and the spans too long to count a rate per.
    static func measuresTime(_ canonical: String) -> Bool {
        isPeriod(canonical) || ["decade", "century", "ms", "µs", "ns"].contains(canonical)
    }

    /// Currency signs written before the amount ("$5").
    static func currencySign(_ symbol: String) -> String? { signs[symbol] }

    private static let signs: [String: String] = ["$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₹": "inr"]

    private static let table: [String: Unit] = {
        var table: [String: Unit] = [:]
        func add(_ canonical: String, alone: [String], afterNumber: [String] = []) {
            for word in alone { table[word] = Unit(canonical: canonical, standsAlone: true) }
            for word in afterNumber { table[word] = Unit(canonical: canonical, standsAlone: false) }
        }
        // length
        add("km", alone: ["km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"])
        add("m", alone: ["meter", "meters", "metre", "metres"], afterNumber: ["m"])
        add("cm", alone: ["cm", "centimeter", "centimeters", "centimetre", "centimetres"])
        add("mm", alone: ["mm", "millimeter", "millimeters", "millimetre", "millimetres"])
        add("mile", alone: ["mile", "miles"], afterNumber: ["mi"])
        add("ft", alone: ["ft", "feet"], afterNumber: ["foot"])
        add("inch", alone: ["inch", "inches"])
        add("yard", alone: ["yards", "yd", "yds"], afterNumber: ["yard"])
        // mass
        add("kg", alone: ["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"])
        add("g", alone: ["gram", "grams", "gm", "gms"], afterNumber: ["g", "gr"])
        add("lb", alone: ["lb", "lbs"], afterNumber: ["pound", "pounds"])
        add("oz", alone: ["oz", "ounce", "ounces"])
        add("ton", alone: ["tonne", "tonnes"], afterNumber: ["ton", "tons", "t"])
        // volume
        add("l", alone: ["liter", "liters", "litre", "litres"], afterNumber: ["l"])
        add("ml", alone: ["ml", "milliliter", "milliliters", "millilitre", "millilitres"])
        add("gallon", alone: ["gallon", "gallons", "gal"])
        add("cup", alone: [], afterNumber: ["cup", "cups"])
        add("tbsp", alone: ["tbsp", "tablespoon", "tablespoons"])
        add("tsp", alone: ["tsp", "teaspoon", "teaspoons"])
        // angle
        add("radian", alone: ["radian", "radians"], afterNumber: ["rad", "rads"])
        // time (standing alone these are time words, which the temporal rule reads)
        add("ns", alone: ["nanosecond", "nanoseconds"], afterNumber: ["ns"])
        add("µs", alone: ["microsecond", "microseconds"], afterNumber: ["µs", "μs"])
        add("ms", alone: ["millisecond", "milliseconds", "msec", "msecs"], afterNumber: ["ms"])
        add("s", alone: [], afterNumber: ["s", "sec", "secs", "second", "seconds"])
        add("min", alone: [], afterNumber: ["min", "mins", "minute", "minutes"])
        add("h", alone: [], afterNumber: ["h", "hr", "hrs", "hour", "hours"])
        add("day", alone: [], afterNumber: ["day", "days"])
        add("week", alone: [], afterNumber: ["week", "weeks", "wk", "wks"])
        add("month", alone: [], afterNumber: ["month", "months", "mo"])
        add("year", alone: [], afterNumber: ["year", "years", "yr", "yrs", "yo"])
        add("decade", alone: [], afterNumber: ["decade", "decades"])
        add("century", alone: [], afterNumber: ["century", "centuries"])
        // temperature
        add("celsius", alone: ["celsius", "centigrade"], afterNumber: ["c"])
        add("fahrenheit", alone: ["fahrenheit"], afterNumber: ["f"])
        add("kelvin", alone: ["kelvin"], afterNumber: ["k"])
        add("degree", alone: [], afterNumber: ["degree", "degrees"])
        // data
        add("kb", alone: ["kb", "kilobyte", "kilobytes"])
        add("mb", alone: ["mb", "megabyte", "megabytes"])
        add("gb", alone: ["gb", "gigabyte", "gigabytes"])
        add("tb", alone: ["tb", "terabyte", "terabytes"])
        add("kib", alone: ["kib", "kibibyte", "kibibytes"])
        add("mib", alone: ["mib", "mebibyte", "mebibytes"])
        add("gib", alone: ["gib", "gibibyte", "gibibytes"])
        add("tib", alone: ["tib", "tebibyte", "tebibytes"])
        add("byte", alone: [], afterNumber: ["byte", "bytes"])
        add("bit", alone: [], afterNumber: ["bit", "bits"])
        // speed, power, frequency
        add("mph", alone: ["mph"])
        add("kmh", alone: ["kmh", "kph"])
        add("watt", alone: ["watt", "watts"], afterNumber: ["w"])
        add("kw", alone: ["kw", "kilowatt", "kilowatts"])
        add("kwh", alone: ["kwh"])
        add("volt", alone: ["volt", "volts"], afterNumber: ["v"])
        add("mah", alone: ["mah"])
        add("hz", alone: ["hz", "hertz"])
        add("ghz", alone: ["ghz"])
        add("mhz", alone: ["mhz"])
        // ratio
        add("percent", alone: ["percent", "percentage"], afterNumber: ["%", "pct"])
        // currencies
        add("usd", alone: ["usd", "dollar", "dollars"], afterNumber: ["bucks"])
        add("eur", alone: ["eur", "euro", "euros"])
        add("gbp", alone: ["gbp", "sterling"])
        add("jpy", alone: ["jpy", "yen"])
        add("inr", alone: ["inr", "rupee", "rupees"], afterNumber: ["rs"])
        add("cny", alone: ["cny", "rmb", "yuan"])
        add("cent", alone: [], afterNumber: ["cent", "cents"])
        add("btc", alone: ["btc", "bitcoin", "bitcoins"])
        return table
    }()
}
