import Testing

/// Polls, because the effects under test happen on other threads and connections. The default
/// deadline is generous: it only stops a test that would otherwise hang; a two-core machine
/// running the whole suite at once can be slow to get there.
func waitUntil(
    timeout: Duration = .seconds(30),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        if ContinuousClock.now > deadline {
            Issue.record("condition not met within \(timeout)", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// An origin nothing listens on: a fake provider that was started and stopped.
func closedOrigin() async throws -> String {
    let provider = try await FakeProvider.start()
    await provider.stop()
    return provider.origin
}
