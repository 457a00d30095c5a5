/// WordNet's facts in flat arrays: a few large allocations instead of an array per word and per
/// sense, which kept 34 MB resident in every sidecar where these keep 10 (docs/BENCHMARKS.md).
extension WordNet {
    /// Words and their senses: the words' bytes end to end, sorted, found by binary search.
    struct WordTable: Sendable {
        var bytes: [UInt8] = []
        /// Word i is `bytes[wordStarts[i]..<wordStarts[i + 1]]`; its senses are
        /// `senseList[senseStarts[i]..<senseStarts[i + 1]]`.
        var wordStarts: [UInt32] = [0]
        var senseStarts: [UInt32] = [0]
        var senseList: [Sense] = []

        func word(_ i: Int) -> ArraySlice<UInt8> { bytes[Int(wordStarts[i])..<Int(wordStarts[i + 1])] }

        func senses(of word: String) -> ArraySlice<Sense> {
            var word = word
            return word.withUTF8 { key in
                var (low, high) = (0, wordStarts.count - 1)
                while low < high {
                    let middle = (low + high) / 2
                    switch compare(middle, key) {
                    case .equal: return senseList[Int(senseStarts[middle])..<Int(senseStarts[middle + 1])]
                    case .less: low = middle + 1
                    case .greater: high = middle
                    }
                }
                return []
            }
        }

        private enum Order { case less, equal, greater }

        private func compare(_ i: Int, _ key: UnsafeBufferPointer<UInt8>) -> Order {
            let (start, end) = (Int(wordStarts[i]), Int(wordStarts[i + 1]))
            for k in 0..<min(end - start, key.count) where bytes[start + k] != key[k] {
                return bytes[start + k] < key[k] ? .less : .greater
            }
            return end - start == key.count ? .equal : end - start < key.count ? .less : .greater
        }
    }

    /// One relation between senses, for every sense: sense i's targets are
    /// `targetList[starts[i]..<starts[i + 1]]`.
    struct Relation: Sendable {
        var starts: [UInt32]
        var targetList: [Sense]

        func targets(of sense: Sense) -> ArraySlice<Sense> {
            guard Int(sense) + 1 < starts.count else { return [] }
            return targetList[Int(starts[Int(sense)])..<Int(starts[Int(sense) + 1])]
        }
    }

    /// A relation as read, its targets still named by part of speech and file offset.
    struct RawRelation {
        var starts: [UInt32] = [0]
        var targets: [UInt64] = []

        mutating func close() { starts.append(UInt32(targets.count)) }

        func numbered(by numbers: [UInt64: Sense]) -> Relation {
            // One loop and no array per sense: many small arrays, freed, would stay resident.
            var relation = Relation(starts: [], targetList: [])
            relation.starts.reserveCapacity(starts.count)
            relation.targetList.reserveCapacity(targets.count)
            relation.starts.append(0)
            for i in 0..<(starts.count - 1) {
                for target in targets[Int(starts[i])..<Int(starts[i + 1])] {
                    if let number = numbers[target] { relation.targetList.append(number) }
                }
                relation.starts.append(UInt32(relation.targetList.count))
            }
            return relation
        }
    }
}
