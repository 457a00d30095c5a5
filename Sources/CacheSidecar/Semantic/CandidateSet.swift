/// What the int8 scan can say about one query: the rows whose exact score may reach the minimum
/// (and may be among the best few), each with bounds of that score, highest upper bound first.
///
/// The exact score is known only to whoever holds the float32 vector (``ExactRanking``, from the
/// store); the bounds say which rows need it and in which order to fetch them.
package struct CandidateSet: Sendable, Equatable {
    package struct Candidate: Sendable, Equatable {
        package var id: EntryID
        /// The exact score is at most this...
        package var upperBound: Float
        /// ...and at least this.
        package var lowerBound: Float
    }

    package var candidates: [Candidate]
    /// When more rows qualified than are listed: the highest upper bound among those left out,
    /// so a caller knows how far the listed ones can be trusted to hold the best.
    package var unlistedBound: Float?

    package static let empty = CandidateSet(candidates: [], unlistedBound: nil)

    /// Candidates a lookup checks with the guards, most similar first.
    package static let checkedLimit = 4
    /// Candidates listed per lookup at most. The list is short unless many rows sit within the
    /// bounds' width (≈ ±0.015–0.02) of the `checkedLimit`-th best (near-duplicates, or a very low
    /// threshold); past this, ``ExactRanking`` ends rather than rank rows it cannot see.
    package static let listedLimit = 64

    package var isEmpty: Bool { candidates.isEmpty }
}

extension CandidateSet {
    /// Collects one query's rows during a scan. A row is kept when its upper bound reaches the
    /// minimum and the `best`-th highest lower bound seen so far: below that, `best` other rows
    /// are surely better, and no more than `best` are ever checked. That bar only rises, so rows
    /// dropped early stay rightly dropped, and the list stays short even at a low threshold.
    struct Builder {
        private let best: Int
        private(set) var bar: Float
        /// The `best` highest lower bounds so far, in ascending order.
        private var lowerBounds: [Float] = []
        private var rows: [(row: Int, upper: Float, lower: Float)] = []

        init(minimum: Float, best: Int) {
            self.best = max(1, best)
            bar = minimum
        }

        mutating func add(row: Int, upper: Float, lower: Float) {
            guard upper >= bar else { return }
            rows.append((row, upper, lower))
            guard lower > bar else { return }
            if lowerBounds.count < best {
                lowerBounds.insert(lower, at: lowerBounds.firstIndex { $0 > lower } ?? lowerBounds.count)
            } else if lower > lowerBounds[0] {
                lowerBounds.removeFirst()
                lowerBounds.insert(lower, at: lowerBounds.firstIndex { $0 > lower } ?? lowerBounds.count)
            }
            if lowerBounds.count == best { bar = max(bar, lowerBounds[0]) }
        }

        /// At most `limit` candidates, highest upper bound first; `id` names a row.
        func finish(limit: Int, id: (Int) -> EntryID) -> CandidateSet {
            var kept = rows.filter { $0.upper >= bar }
            kept.sort { $0.upper > $1.upper }
            let listed = kept.prefix(limit).map { Candidate(id: id($0.row), upperBound: $0.upper, lowerBound: $0.lower) }
            return CandidateSet(candidates: listed, unlistedBound: kept.count > limit ? kept[limit].upper : nil)
        }
    }
}
