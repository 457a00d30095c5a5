import Foundation
import Logging

/// A log handler that keeps messages in memory, so tests can assert what was logged (and what was not).
struct CapturingLogHandler: LogHandler {
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        /// Guarded by `lock`.
        private var entries: [(level: Logger.Level, message: String)] = []

        func append(_ level: Logger.Level, _ message: String) {
            lock.withLock { entries.append((level, message)) }
        }

        var messages: [String] { lock.withLock { entries.map(\.message) } }

        func count(containing text: String) -> Int {
            messages.filter { $0.contains(text) }.count
        }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var text = "\(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty {
            text += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        store.append(event.level, text)
    }

    /// A logger writing into a fresh store.
    static func logger(label: String = "test.redis") -> (Logger, Store) {
        let store = Store()
        return (Logger(label: label) { _ in CapturingLogHandler(store: store) }, store)
    }
}
