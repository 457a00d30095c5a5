import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain OS thread for a dedicated connection's body, which blocks waiting for replies: kept off Swift
/// concurrency's cooperative pool and NIO's event loops, which must never block.
struct RedisThread: Sendable {
    private let handle: pthread_t

    /// Starts `body` on a new thread named `name` (Linux shows the first 15 bytes).
    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(ThreadContext(name: name, body: body)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(
            &handle,
            nil,
            { rawContext in
                let context = Unmanaged<ThreadContext>.fromOpaque(rawContext!).takeRetainedValue()
                // Names show up in `top -H` and debuggers; Foundation sets it with the right platform call.
                Thread.current.name = context.name
                context.body()
                return nil
            },
            context
        )
        precondition(result == 0, "pthread_create failed with \(result)")
        self.handle = handle
    }

    /// Lets the thread clean up after itself when nobody will join it.
    func detach() {
        _ = pthread_detach(handle)
    }
}

private final class ThreadContext {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
