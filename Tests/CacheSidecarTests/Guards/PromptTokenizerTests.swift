import Testing

@testable import CacheSidecar

@Suite struct PromptTokenizerTests {
    func words(_ text: String) -> [String] { PromptTokenizer.tokenize(text).map(\.text) }

    @Test func contractionsAreExpanded() {
        #expect(words("I can't, won't, don't") == ["i", "can", "not", ",", "will", "not", ",", "do", "not"])
        #expect(words("cannot") == ["can", "not"])
        #expect(words("France's capital") == ["france", "capital"])
    }

    @Test func digitsAndLettersAreSplit() {
        #expect(words("10km iPhone14") == ["10", "km", "iphone", "14"])
        #expect(words("1,000.5 and 1,2") == ["1,000.5", "and", "1", ",", "2"])
        #expect(PromptTokenizer.tokenize("the 3rd").last?.kind == .ordinal)
    }

    /// "k8s" counts letters: one word, no number 8, so it can stand for "kubernetes".
    @Test func numeronymsStayWords() {
        #expect(PromptTokenizer.tokenize("k8s and i18n").map(\.text) == ["k8s", "and", "i18n"])
        #expect(LookalikeGuard().refusal(cached: "Why do my k8s pods restart?", incoming: "Why do my Kubernetes pods restart?") == nil)
    }

    @Test func capitalsAreRecordedWithSentenceStarts() {
        let tokens = PromptTokenizer.tokenize("Where is Paris? Rome is far.")
        #expect(tokens[0].startsSentence && tokens[0].isCapitalized)
        #expect(tokens[2].text == "paris" && tokens[2].isCapitalized && !tokens[2].startsSentence)
        #expect(tokens[4].text == "rome" && tokens[4].startsSentence)
        #expect(PromptTokenizer.tokenize("an iPhone")[1].hasInnerCapital)
    }

    @Test func emptyAndSymbolOnlyPromptsAreFine() {
        #expect(words("") == [])
        #expect(words("?!") == ["?", "!"])
    }
}
