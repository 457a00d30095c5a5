import Foundation
import HTTPTypes

/// How long the provider asks us to wait: `Retry-After` (seconds or an HTTP date) or OpenAI's
/// `retry-after-ms`.
enum RetryAfter {
    static let milliseconds = HTTPField.Name("retry-after-ms")!

    static func from(_ headers: HTTPFields, now: Date = Date()) -> Duration? {
        if let text = headers[milliseconds], let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0 {
            return .milliseconds(Int64(value))
        }
        return headers[.retryAfter].flatMap { parse($0, now: now) }
    }

    /// `120`, or `Wed, 21 Oct 2015 07:28:00 GMT` (a date in the past means no wait).
    static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        guard let date = httpDate.withLock({ $0.date(from: trimmed) }) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), the only form servers may send.
    private static let httpDate = LockedFormatter({
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter
    }())
}

/// DateFormatter is not thread-safe; this one is used under a lock.
private final class LockedFormatter: @unchecked Sendable {
    private let formatter: DateFormatter
    private let lock = NSLock()
    init(_ formatter: DateFormatter) { self.formatter = formatter }
    func withLock<T>(_ body: (DateFormatter) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(formatter)
    }
}
