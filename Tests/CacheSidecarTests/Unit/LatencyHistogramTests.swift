import Testing

@testable import CacheSidecar

@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test func emptyHasNoQuantiles() {
        #expect(LatencyHistogram().quantile(0.5) == nil)
        #expect(LatencyHistogram().count == 0)
    }

    @Test func smallValuesAreExact() {
        var histogram = LatencyHistogram()
        for value in [3, 7, 7, 9] as [UInt64] { histogram.record(microseconds: value) }
        #expect(histogram.quantile(0.25) == 3)
        #expect(histogram.quantile(0.5) == 7)
        #expect(histogram.quantile(1) == 9)
    }

    /// 1 ms … 100 ms: the 50th, 90th and 99th values, each reported as the middle of its bucket.
    @Test func percentilesOfAKnownSequence() {
        var histogram = LatencyHistogram()
        for ms in 1...100 { histogram.record(.milliseconds(ms)) }
        #expect(histogram.count == 100)
        // 50 000 µs is in [49 152, 51 200): 16 buckets per power of two from 32 768.
        #expect(histogram.quantile(0.5) == 50_176)
        #expect(histogram.quantile(0.9) == 88_064)   // [86 016, 90 112)
        #expect(histogram.quantile(0.99) == 100_352) // [98 304, 102 400)
        for (q, exact) in [(0.5, 50_000.0), (0.9, 90_000.0), (0.99, 99_000.0)] {
            let reported = histogram.quantile(q)!
            #expect(abs(reported - exact) / exact <= 1.0 / 32)
        }
    }

    @Test func hugeValuesAreClampedNotLost() {
        var histogram = LatencyHistogram()
        histogram.record(.seconds(1_000_000))
        #expect(histogram.count == 1)
        #expect(histogram.quantile(0.5)! > 60e9)
    }
}
