/// JSON documents for property tests, modelled apart from the sidecar's own `JSONValue` so that
/// they are an independent oracle: objects are member lists whose keys are unique *by bytes*
/// (as every provider's parser sees them), rendered with any key order, whitespace and escaping.
indirect enum JSONTree: Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// Only values whose shortest form is plain decimal, so the oracle can print them.
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([(key: String, value: JSONTree)])

    static func == (lhs: JSONTree, rhs: JSONTree) -> Bool { lhs.canonical == rhs.canonical }

    /// The canonical form the cache key must hash: keys sorted by bytes, no whitespace, integral
    /// numbers as integers, minimal escapes.
    var canonical: [UInt8] {
        switch self {
        case .null: return Array("null".utf8)
        case .bool(let b): return Array((b ? "true" : "false").utf8)
        case .integer(let i): return Array(String(i).utf8)
        case .double(let d): return Array((d.rounded() == d ? String(Int64(d)) : "\(d)").utf8)
        case .string(let s): return Self.minimalEscape(s)
        case .array(let elements): return Array("[".utf8) + Self.joined(elements.map(\.canonical)) + Array("]".utf8)
        case .object(let members):
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return Array("{".utf8) + Self.joined(sorted.map { Self.minimalEscape($0.key) + [UInt8(ascii: ":")] + $0.value.canonical }) + Array("}".utf8)
        }
    }

    /// Text a client could send: members shuffled, whitespace sprinkled, characters escaped at
    /// random, integers sometimes spelt `1.0` or `1e0`.
    func render(using random: inout SeededRandom) -> [UInt8] {
        var output: [UInt8] = []
        render(into: &output, using: &random)
        return output
    }

    private func render(into output: inout [UInt8], using random: inout SeededRandom) {
        func space() { if random.chance(0.2) { output += Array(random.pick([" ", "\n", "\t", "\r\n  "]).utf8) } }
        space()
        switch self {
        case .null, .bool, .double: output += canonical
        case .integer(let i):
            let plain = String(i)
            let spellings = i.magnitude < 1_000_000_000_000 ? [plain, plain + ".0", plain + "e0", plain + ".000"] : [plain]
            output += Array(random.pick(spellings).utf8)
        case .string(let s): output += Self.randomEscape(s, using: &random)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.render(into: &output, using: &random)
            }
            space()
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.shuffled(using: &random).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                space()
                output += Self.randomEscape(member.key, using: &random)
                space()
                output.append(UInt8(ascii: ":"))
                member.value.render(into: &output, using: &random)
            }
            space()
            output.append(UInt8(ascii: "}"))
        }
        space()
    }

    private static func joined(_ parts: [[UInt8]]) -> [UInt8] {
        Array(parts.joined(separator: [UInt8(ascii: ",")]))
    }

    static func minimalEscape(_ string: String) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += Array(#"\""#.utf8)
            case "\\": output += Array(#"\\"#.utf8)
            case "\n": output += Array(#"\n"#.utf8)
            case "\r": output += Array(#"\r"#.utf8)
            case "\t": output += Array(#"\t"#.utf8)
            case _ where scalar.value < 0x20: output += Array(String(format4("\\u", scalar.value)).utf8)
            default: output += Array(String(scalar).utf8)
            }
        }
        return output + [UInt8(ascii: "\"")]
    }

    private static func randomEscape(_ string: String, using random: inout SeededRandom) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in string.unicodeScalars {
            if scalar.value < 0x20 || scalar == "\"" || scalar == "\\" || random.chance(0.1) {
                if scalar.value > 0xFFFF {
                    let value = scalar.value - 0x10000
                    output += Array((format4("\\u", 0xD800 + (value >> 10)) + format4("\\u", 0xDC00 + (value & 0x3FF))).utf8)
                } else if scalar == "/" || scalar == "\"" || scalar == "\\", random.chance(0.5) {
                    output += Array("\\\(scalar)".utf8)
                } else {
                    output += Array(format4("\\u", scalar.value, uppercase: random.chance(0.5)).utf8)
                }
            } else {
                output += Array(String(scalar).utf8)
            }
        }
        return output + [UInt8(ascii: "\"")]
    }

    private static func format4(_ prefix: String, _ value: UInt32, uppercase: Bool = false) -> String {
        let hex = String(value, radix: 16, uppercase: uppercase)
        return prefix + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension JSONTree {
    /// Strings that trip up naive code: canonically equivalent but different bytes (é composed and
    /// decomposed, Å and the Ångström sign), control characters, quotes, emoji sequences, BOM,
    /// line separators, right-to-left text, the last code point.
    static let oddStrings = [
        "", "a", "What is Redis?", "caf\u{E9}", "cafe\u{301}", "\u{C5}", "A\u{30A}", "\u{212B}", "\u{FB01}", "\u{0}", "\u{1F}",
        "\"", "\\", "/", "\u{2028}", "\u{FEFF}", "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{10FFFF}", "\n\r\t",
        "\u{645}\u{631}\u{62D}\u{628}\u{627}", "\u{1F600}", "1.0", "null", "role",
    ]

    /// Object keys: a small pool, so that siblings often share a key up to Unicode equivalence.
    static let keyPool = ["a", "b", "caf\u{E9}", "cafe\u{301}", "\u{C5}", "A\u{30A}", "\u{212B}", "k", "\u{0}", "\u{1F600}"]

    static func randomString(using random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in random.pick(oddStrings) }.joined()
    }

    static func randomLeaf(using random: inout SeededRandom) -> JSONTree {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .integer(random.pick([0, 1, -1, 42, 7, Int64.max, Int64.min, 9_007_199_254_740_993]))
        case 3: return .double(random.pick([0.5, 0.25, -1.5, 3.75]))
        default: return .string(randomString(using: &random))
        }
    }

    static func random(depth: Int, using random: inout SeededRandom) -> JSONTree {
        guard depth > 0, random.chance(0.4) else { return randomLeaf(using: &random) }
        if random.chance(0.5) {
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in Self.random(depth: depth - 1, using: &random) })
        }
        var members: [(key: String, value: JSONTree)] = []
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let key = random.pick(keyPool)
            guard !members.contains(where: { $0.key.utf8.elementsEqual(key.utf8) }) else { continue }
            members.append((key, Self.random(depth: depth - 1, using: &random)))
        }
        return .object(members)
    }

    /// A chat completion request the sidecar accepts, with odd content and parameters.
    static func randomRequest(using random: inout SeededRandom) -> JSONTree {
        var messages: [JSONTree] = []
        for index in 0..<Int.random(in: 1...4, using: &random) {
            var message: [(key: String, value: JSONTree)] = [("role", .string(random.pick(["system", "user", "assistant"])))]
            if index > 0, random.chance(0.3) {
                message.append(("content", .array([.object([("type", .string("text")), ("text", .string(randomString(using: &random)))])])))
            } else {
                message.append(("content", .string(randomString(using: &random))))
            }
            if random.chance(0.3) { message.append((random.pick(keyPool), Self.random(depth: 2, using: &random))) }
            messages.append(.object(message))
        }
        var members: [(key: String, value: JSONTree)] = [
            ("model", .string(random.pick(["gpt-4.1", "m", "caf\u{E9}", "cafe\u{301}"]))), ("messages", .array(messages)),
        ]
        for parameter in ["temperature", "top_p", "seed", "tools", "response_format", "n", "stop"] where random.chance(0.3) {
            members.append((parameter, Self.random(depth: 3, using: &random)))
        }
        for key in keyPool where random.chance(0.15) { members.append((key, Self.random(depth: 3, using: &random))) }
        return .object(members)
    }

    /// Paths to every leaf, and to every object member (whose key can be renamed).
    var leafPaths: [[PathStep]] {
        switch self {
        case .array(let elements):
            return elements.enumerated().flatMap { index, element in element.leafPaths.map { [.index(index)] + $0 } }
        case .object(let members):
            return members.enumerated().flatMap { index, member in
                [[.key(index)]] + member.value.leafPaths.map { [.member(index)] + $0 }
            }
        default:
            return [[]]
        }
    }

    enum PathStep: Equatable {
        case index(Int)
        /// Into a member's value.
        case member(Int)
        /// The member's key itself.
        case key(Int)
    }

    /// This tree with the leaf at `path` replaced, or the member key at `path` renamed.
    func replacing(at path: ArraySlice<PathStep>, leaf: JSONTree, key: String) -> JSONTree {
        guard let step = path.first else { return leaf }
        switch (self, step) {
        case (.array(var elements), .index(let i)):
            elements[i] = elements[i].replacing(at: path.dropFirst(), leaf: leaf, key: key)
            return .array(elements)
        case (.object(var members), .member(let i)):
            members[i].value = members[i].value.replacing(at: path.dropFirst(), leaf: leaf, key: key)
            return .object(members)
        case (.object(var members), .key(let i)):
            members[i].key = key
            return .object(members)
        default:
            return self
        }
    }

    func value(at path: ArraySlice<PathStep>) -> JSONTree? {
        guard let step = path.first else { return self }
        switch (self, step) {
        case (.array(let elements), .index(let i)): return elements[i].value(at: path.dropFirst())
        case (.object(let members), .member(let i)): return members[i].value.value(at: path.dropFirst())
        default: return nil
        }
    }

    func keys(at path: ArraySlice<PathStep>) -> [String] {
        guard let step = path.first else {
            if case .object(let members) = self { return members.map(\.key) }
            return []
        }
        switch (self, step) {
        case (.array(let elements), .index(let i)): return elements[i].keys(at: path.dropFirst())
        case (.object(let members), .member(let i)): return members[i].value.keys(at: path.dropFirst())
        default: return []
        }
    }
}
