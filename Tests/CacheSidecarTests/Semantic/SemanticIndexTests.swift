import Testing

@testable import CacheSidecar

/// The index's lifecycle of a context: loaded by a lookup, kept in step with changes, swept.
@Suite("Semantic index: contexts loaded, kept and forgotten")
struct SemanticIndexTests {
    private let index = SemanticIndex(dimensions: 4)
    private let id = EntryID(hex: String(repeating: "ab", count: 32))!
    private let farFuture = WallClock.milliseconds + 3_600_000

    private func load(_ context: String, stored: [IndexedVector] = []) async -> ContextVectors? {
        await index.vectors(for: context, model: "gpt-4.1", load: { stored })
    }

    /// A miss loads its context, empty for a new conversation, then goes upstream; a sweep that
    /// runs before the answer is stored must not forget the context, or the answer would be
    /// dropped from memory.
    @Test func anAnswerStoredAfterASweepIsIndexed() async {
        #expect(await load("new conversation") != nil)
        index.sweep(now: WallClock.milliseconds)
        index.apply(.upsert(context: "new conversation", id: id, vector: [1, 0, 0, 0], expiresAt: farFuture))
        #expect(index.size().contexts == 1)
        #expect(index.size().entries == 1)
    }

    @Test func anEmptyContextUnusedForTheGraceIsForgotten() async {
        #expect(await load("abandoned") != nil)
        index.sweep(now: WallClock.milliseconds + SemanticIndex.emptyContextGrace - 1_000)
        #expect(index.size().contexts == 1)
        index.sweep(now: WallClock.milliseconds + SemanticIndex.emptyContextGrace + 1_000)
        #expect(index.size().contexts == 0)
    }

    /// Each lookup restarts the grace.
    @Test func aLookupKeepsAnEmptyContext() async throws {
        let started = WallClock.milliseconds
        #expect(await load("in use") != nil)
        try await Task.sleep(for: .milliseconds(20))
        #expect(await load("in use") != nil)
        index.sweep(now: started + SemanticIndex.emptyContextGrace + 10)
        #expect(index.size().contexts == 1)
    }

    /// Expired rows go at the next sweep; the context they leave empty follows after the grace.
    @Test func expiredRowsAreSweptAtOnce() async {
        let soon = WallClock.milliseconds + 1_000
        #expect(await load("expiring", stored: [IndexedVector(id: id, vector: [0, 1, 0, 0], expiresAt: soon)]) != nil)
        #expect(index.size().entries == 1)
        index.sweep(now: soon + 1)
        #expect(index.size().entries == 0)
        #expect(index.size().contexts == 1)
        index.sweep(now: soon + SemanticIndex.emptyContextGrace + 1)
        #expect(index.size().contexts == 0)
    }

    /// A change to a context nobody has loaded is left to the store: the first lookup reads it.
    @Test func aChangeToAnUnloadedContextIsReadWhenItLoads() async {
        index.apply(.upsert(context: "elsewhere", id: id, vector: [0, 0, 1, 0], expiresAt: farFuture))
        #expect(index.size().contexts == 0)
        let stored = [IndexedVector(id: id, vector: [0, 0, 1, 0], expiresAt: farFuture)]
        let vectors = await load("elsewhere", stored: stored)
        #expect(vectors?.withMatrix { $0.contains(id) } == true)
    }
}
