/// WordNet's facts in flat arrays: a few large allocations instead of an array per word and per
/// sense, which kept 34 MB resident in every sidecar where these keep 10 (docs/BENCHMARKS.md).
extension WordNet {
    /// Lists laid end to end in one array: list i is `elements[starts[i]..<starts[i + 1]]`.
    struct FlatLists<Element: Sendable>: Sendable {
        var starts: [UInt32] = [0]
        var elements: [Element] = []

        var count: Int { starts.count - 1 }

        /// List i, or an empty list past the end.
        subscript(i: Int) -> ArraySlice<Element> {
            i < count ? elements[Int(starts[i])..<Int(starts[i + 1])] : []
        }

        /// Ends the list that the elements appended since the last call make up.
        mutating func closeList() { starts.append(UInt32(elements.count)) }

        mutating func append(list: some Sequence<Element>) {
            elements += list
            closeList()
        }

        /// Each list with its elements transformed, those without a result left out; one loop and
        /// no array per list: many small arrays, freed, would stay resident.
        func compactMapElements<T>(_ transform: (Element) -> T?) -> FlatLists<T> {
            var result = FlatLists<T>()
            result.starts.reserveCapacity(starts.count)
            result.elements.reserveCapacity(elements.count)
            for i in 0..<count {
                for element in self[i] {
                    if let mapped = transform(element) { result.elements.append(mapped) }
                }
                result.closeList()
            }
            return result
        }
    }

    /// One relation between senses: sense i's targets are list i.
    typealias Relation = FlatLists<Sense>

    /// Words and their senses: word i's bytes and its senses are list i of each, the words sorted
    /// and found by binary search.
    struct WordTable: Sendable {
        var words = FlatLists<UInt8>()
        var senses = FlatLists<Sense>()

        func senses(of word: String) -> ArraySlice<Sense> {
            var word = word
            return word.withUTF8 { key in
                var (low, high) = (0, words.count)
                while low < high {
                    let middle = (low + high) / 2
                    let candidate = words[middle]
                    if candidate.elementsEqual(key) { return senses[middle] }
                    if candidate.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
                }
                return []
            }
        }
    }
}
