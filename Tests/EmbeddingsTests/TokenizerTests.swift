import Embeddings
import Testing

@Suite struct TokenizerTests {
    @Test func goldensCoverTheRequiredVariety() {
        let cases = Support.goldens.cases
        #expect(cases.count >= 30)
        #expect(cases.contains { $0.text.isEmpty })
        #expect(cases.contains { $0.ids.count == 256 }, "a text longer than max_length")
    }

    @Test(arguments: Support.goldens.cases.indices)
    func idsMatchReference(index: Int) throws {
        let tokenizer = try Support.tokenizer()
        let golden = Support.goldens.cases[index]
        let ids = tokenizer.encode(golden.text)
        #expect(ids == golden.ids, "text \(index) \(golden.text.debugDescription): got \(tokenizer.tokenize(golden.text)), want \(golden.tokens)")
    }

    @Test func specialTokensAndTruncation() throws {
        let tokenizer = try Support.tokenizer()
        #expect(tokenizer.encode("") == [tokenizer.clsID, tokenizer.sepID])
        let long = tokenizer.encode(String(repeating: "word ", count: 1000))
        #expect(long.count == 256)
        #expect(long.first == tokenizer.clsID && long.last == tokenizer.sepID)
    }

    /// `fits` agrees with `encode` on every golden text and around the limit: true exactly when
    /// nothing was cut.
    @Test func fitsSaysWhetherEncodeKeptEveryToken() throws {
        let tokenizer = try Support.tokenizer()
        for text in Support.goldens.cases.map(\.text) + (250...256).map({ String(repeating: "word ", count: $0 - 2) }) {
            let whole = try BertTokenizer(tokens: tokenizer.tokens, maxLength: 100_000).encode(text)
            #expect(tokenizer.fits(text) == (whole.count <= tokenizer.maxLength), "\(text.prefix(40)): \(whole.count) tokens")
        }
        #expect(!tokenizer.fits(String(repeating: "word ", count: 255)))
        #expect(tokenizer.fits(String(repeating: "word ", count: 254)))
    }

    @Test func basicTokenizerRules() {
        let basic = BasicTokenizer()
        func words(_ s: String) -> [String] {
            basic.split(s).map { String(String.UnicodeScalarView($0)) }
        }
        #expect(words("Héllo,WORLD!") == ["hello", ",", "world", "!"])
        #expect(words("a$b+c") == ["a", "$", "b", "+", "c"])  // ASCII symbols split like punctuation
        #expect(words("我爱ab") == ["我", "爱", "ab"])
        #expect(words("x\u{0}y\u{FFFD}z\u{200B}w") == ["xyzw"])
        #expect(words(" \t\n a \u{3000}b ") == ["a", "b"])
    }

    @Test func wordPieceLongestMatchAndUnknown() throws {
        let tokenizer = try BertTokenizer(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "aff"])
        #expect(tokenizer.tokenize("unaffable") == ["[CLS]", "un", "##aff", "##able", "[SEP]"])
        #expect(tokenizer.tokenize("unx aff") == ["[CLS]", "[UNK]", "aff", "[SEP]"])
        #expect(tokenizer.tokenize(String(repeating: "un", count: 51)) == ["[CLS]", "[UNK]", "[SEP]"])
    }
}
