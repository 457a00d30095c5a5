import Testing
@testable import CacheSidecar

@Suite("JSON parsing and canonical form")
struct JSONTests {
    private func canonical(_ text: String) throws -> String {
        String(decoding: JSONWriter.canonical(try JSONParser.parse(Array(text.utf8))), as: UTF8.self)
    }

    @Test func canonicalFormSortsKeysAndDropsWhitespace() throws {
        #expect(try canonical(#"{ "b": 1, "a": [ true, null, "x" ] }"#) == #"{"a":[true,null,"x"],"b":1}"#)
        #expect(try canonical(#"{"a":{"d":1,"c":2}}"#) == #"{"a":{"c":2,"d":1}}"#)
    }

    @Test func equivalentNumbersAndEscapesCanonicaliseAlike() throws {
        #expect(try canonical(#"{"t":1.0}"#) == (try canonical(#"{"t":1}"#)))
        #expect(try canonical(#"{"t":0.70}"#) == (try canonical(#"{"t":7e-1}"#)))
        #expect(try canonical(#"{"s":"\u00e9\/"}"#) == (try canonical(#"{"s":"é/"}"#)))
        #expect(try canonical(#"{"t":0.7}"#) != (try canonical(#"{"t":0.8}"#)))
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONParser.parse(Array(#""\ud83d\ude00""#.utf8)) == .string("😀"))
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try JSONParser.parse(Array(#"{"a":1,"a":2}"#.utf8)) == .object(JSONObject([("a", .integer(2))])))
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "01", "1.", "-", "\"\\x\"", "\"\\ud800\"", "nul", "{'a':1}", "\"a\u{01}\"",
    ])
    func malformedInputIsRefused(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        _ = try JSONParser.parse(Array(ok.utf8))
    }

    @Test func bigIntegersStayExact() throws {
        #expect(try JSONParser.parse(Array("9007199254740993".utf8)) == .integer(9_007_199_254_740_993))
    }

    @Test func controlCharactersAreEscapedOnOutput() throws {
        let value = JSONValue.string("a\u{01}\"\\\n")
        let text = String(decoding: JSONWriter.compact(value), as: UTF8.self)
        #expect(text == #""a\u0001\"\\\n""#)
        #expect(try JSONParser.parse(Array(text.utf8)) == value)
    }
}
