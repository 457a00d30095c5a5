import Foundation

/// Milliseconds since 1970: entries carry wall-clock times because every sidecar sharing a
/// Redis must agree on them (a monotonic clock is per process).
enum WallClock {
    static var milliseconds: Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
