/// Genotypes written in letters: each gene a pair of one letter, a capital for the dominant
/// allele ("Aa x aa", "AaBbCc"). Letter case is all that tells "Aa" from "aa", and both the model
/// and the other guards read text in lower case: "What is the phenotypic ratio of an Aa x Aa
/// cross?" and "… an Aa x aa cross?" score cosine 1.000.
enum Genotypes {
    /// The prompt's genotypes as written, sorted ("aa x Aa" is "Aa x aa": the same cross), when
    /// one of them pairs a capital with its small letter; otherwise none, so "AA batteries" or
    /// "bb" is no genotype.
    static func written(in prompt: String) -> [String] {
        let words = prompt.split { !$0.isLetter }.filter { $0.count >= 2 && $0.count % 2 == 0 && isGenotype($0) }
        guard words.contains(where: hasMixedPair) else { return [] }
        return words.map(String.init).sorted()
    }

    /// Pairs of one letter each: "Aa", "BBcc", "aabbcc".
    private static func isGenotype(_ word: Substring) -> Bool {
        let letters = Array(word)
        return stride(from: 0, to: letters.count, by: 2).allSatisfy { i in
            letters[i].isASCII && letters[i].lowercased() == letters[i + 1].lowercased()
        }
    }

    /// A capital and its small letter side by side: a heterozygous gene, written as only a genotype is.
    private static func hasMixedPair(_ word: Substring) -> Bool {
        let letters = Array(word)
        return stride(from: 0, to: letters.count, by: 2).contains { letters[$0] != letters[$0 + 1] }
    }
}
