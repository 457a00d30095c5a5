/// Latencies in log-scaled buckets (HDR-style: 16 buckets per power of two, so a percentile is
/// off by at most 1/32 of its value), in fixed memory and O(1) per sample on the hot path.
public struct LatencyHistogram: Sendable, Equatable {
    /// Sub-buckets per power of two: 2^subBits.
    static let subBits = 4
    static let subCount = 1 << subBits
    /// Samples are microseconds below 2^largestExponent+1 (about 38 hours); longer ones are clamped.
    static let largestExponent = 36
    static let bucketCount = (largestExponent - subBits + 2) * subCount

    private var counts = [UInt64](repeating: 0, count: bucketCount)
    public private(set) var count: UInt64 = 0

    public init() {}

    public mutating func record(_ duration: Duration) {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        record(microseconds: UInt64(clamping: max(0, microseconds)))
    }

    public mutating func record(microseconds: UInt64) {
        counts[Self.bucket(of: min(microseconds, (1 << (Self.largestExponent + 1)) - 1))] += 1
        count += 1
    }

    /// The value at quantile `q` (0…1) in microseconds — the middle of its bucket — or nil when empty.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, UInt64((q * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, n) in counts.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return Self.middle(of: index) }
        }
        return Self.middle(of: counts.count - 1)
    }

    static func bucket(of value: UInt64) -> Int {
        guard value >= UInt64(subCount) else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let sub = Int(value >> (exponent - subBits)) & (subCount - 1)
        return (exponent - subBits + 1) * subCount + sub
    }

    static func middle(of index: Int) -> Double {
        guard index >= subCount else { return Double(index) }
        let exponent = index / subCount + subBits - 1
        let width = UInt64(1) << (exponent - subBits)
        let lower = UInt64(subCount + index % subCount) * width
        return Double(lower) + Double(width) / 2
    }
}
