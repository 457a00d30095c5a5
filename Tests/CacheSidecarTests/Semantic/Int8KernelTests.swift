import CIndexKernels
import Testing

/// Every kernel the CPU has computes the same integer dot products, at sizes that leave partial
/// tiles, partial groups of rows and queries, and dimensions the wider kernels cannot take.
@Suite("Semantic index: int8 kernels", .serialized)
struct Int8KernelTests {
    @Test(arguments: [384, 40, 7])
    func everyKernelAgrees(dimensions: Int) {
        var fixtures = VectorFixtures(dimensions: dimensions, seed: 10)
        let count = 301
        let queryCount = 37
        let rows = (0..<(count * dimensions)).map { _ in Int8(truncatingIfNeeded: Int(fixtures.next() % 255) - 127) }
        let queries = (0..<(queryCount * dimensions)).map { _ in Int8(truncatingIfNeeded: Int(fixtures.next() % 255) - 127) }
        var expected = [Int32](repeating: 0, count: queryCount * count)
        for j in 0..<queryCount {
            for r in 0..<count {
                expected[j * count + r] = (0..<dimensions).reduce(Int32(0)) {
                    $0 + Int32(rows[r * dimensions + $1]) * Int32(queries[j * dimensions + $1])
                }
            }
        }
        defer { _ = cik_select_kernel(Int32(CIK_AUTO)) }
        for kernel in [CIK_PORTABLE, CIK_AVX2, CIK_AVX512_VNNI] {
            let used = cik_select_kernel(Int32(kernel))
            var single = [Int32](repeating: 0, count: count)
            cik_int8_dot_rows(rows, queries, Int64(count), Int64(dimensions), &single)
            #expect(single == Array(expected[0..<count]), "kernel \(used)")
            for batch in [2, 4, 5, queryCount] {
                var multi = [Int32](repeating: 0, count: batch * count)
                cik_int8_dot_rows_multi(rows, queries, Int64(batch), Int64(count), Int64(dimensions), &multi)
                #expect(multi == Array(expected[0..<(batch * count)]), "kernel \(used), \(batch) queries")
            }
        }
    }
}
