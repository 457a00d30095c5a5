import Testing

/// Polls, because the effects under test happen on other threads and connections.
func waitUntil(
    timeout: Duration = .seconds(5),
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
