/// An entry's exact key (a SHA-256 digest) in 32 bytes, instead of a 64-character string:
/// the semantic index holds one per vector.
public struct EntryID: Hashable, Sendable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var parsed: [UInt64] = []
        for word in 0..<4 {
            var value: UInt64 = 0
            for byte in utf8[(word * 16)..<(word * 16 + 16)] {
                guard let digit = Self.hexValue(byte) else { return nil }
                value = value << 4 | UInt64(digit)
            }
            parsed.append(value)
        }
        words = (parsed[0], parsed[1], parsed[2], parsed[3])
    }

    public var hex: String {
        let digits = [words.0, words.1, words.2, words.3].map { word -> String in
            let text = String(word, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits.joined()
    }

    public var description: String { hex }

    public static func == (lhs: EntryID, rhs: EntryID) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
