/// The loop run by one pooled connection's thread: connect (with backoff), then serve jobs until the
/// connection fails, is retired, or the client shuts down.
///
/// A failed command is never retried: it may have run (an `INCR`, a `SET`), and the caller is better
/// served by an error now than by a second round trip after a reconnect.
struct RedisPoolWorker: Sendable {
    let index: Int
    let pool: RedisPool

    func run() {
        var failedAttempts = 0
        while !pool.isShutDown {
            let openedBefore = pool.openedConnectionCount
            let connection: HiredisConnection
            do {
                connection = try HiredisConnection(configuration: pool.configuration)
            } catch {
                pool.connectFailed(worker: index, reason: error.reason, openedBefore: openedBefore)
                let delay = pool.configuration.reconnectBackoff.delay(attempt: failedAttempts)
                failedAttempts += 1
                pool.sleep(for: delay)
                continue
            }
            failedAttempts = 0
            serve(connection)
        }
    }

    /// Runs jobs on `connection` until it must go; the first reconnect attempt then follows immediately.
    private func serve(_ connection: HiredisConnection) {
        let number = pool.connectionOpened(worker: index, socket: connection.socket)
        while true {
            switch pool.nextAssignment(worker: index, connection: number) {
            case .exit, .reconnect:
                pool.connectionClosed(worker: index, reason: nil)
                return
            case .run(let job):
                let result = Result { () throws(RedisClientError) in
                    try connection.setTimeout(job.deadline - .now)
                    return try connection.execute(job.commands)
                }
                if case .failure(let error) = result {
                    // The context is unusable after any failure; unregister before it is freed.
                    pool.connectionClosed(worker: index, reason: error.reason)
                    job.completion(.failure(pool.isShutDown ? .shutdown : error))
                    return
                }
                job.completion(result)
            }
        }
    }
}

extension RedisClientError {
    /// The description without the "Redis unavailable:" style prefix, for wrapping in other messages.
    var reason: String {
        switch self {
        case .unavailable(let reason), .connectionLost(let reason), .protocolError(let reason): reason
        case .timeout: "command timed out"
        case .shutdown: "client shut down"
        case .cancelled: "cancelled"
        }
    }
}
