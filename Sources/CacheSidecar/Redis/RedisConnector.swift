import NIOCore
import NIOPosix

/// Opens one connection on a given event loop and makes it ready for commands: TCP connect, then `AUTH` and
/// `SELECT` as configured and a `PING`, all within ``RedisConfiguration/connectTimeout``. Every failure is
/// ``RedisClientError/unavailable(_:)`` with a reason fit for a log line (never the password).
///
/// A connection counts only once Redis has answered on it: a TCP connect alone can succeed against a
/// server that is dying (its listening socket still completes handshakes), against a port that is
/// not Redis, or, on loopback, against the client socket itself. Any of those would be reported as
/// "recovered", be handed calls, and be lost again a moment later.
enum RedisConnector {
    /// `onClose` is installed before the handshake, so no close can go unreported; it is called for
    /// connections that fail their handshake too.
    static func connect(
        _ configuration: RedisConfiguration,
        on eventLoop: any EventLoop,
        onClose: (@Sendable (RedisLink, RedisClientError) -> Void)? = nil
    ) -> EventLoopFuture<RedisLink> {
        let endpoint = "\(configuration.host):\(configuration.port)"
        let deadline = NIODeadline.now() + TimeAmount(configuration.connectTimeout)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RedisPipelineHandler())
                }
            }
        let connected: EventLoopFuture<any Channel>
        if let address = try? SocketAddress(ipAddress: configuration.host, port: configuration.port) {
            connected = bootstrap.connect(to: address)
        } else {
            connected = bootstrap.connect(host: configuration.host, port: configuration.port)
        }
        return connected
            .flatMapErrorThrowing { error in
                throw RedisClientError.unavailable("cannot connect to \(endpoint): \(error)")
            }
            .flatMapThrowing { channel in
                let handler = try channel.pipeline.syncOperations.handler(type: RedisPipelineHandler.self)
                let link = RedisLink(channel: channel, handler: handler)
                if let onClose {
                    handler.onClose = { onClose(link, $0) }
                }
                return link
            }
            .flatMap { link in
                handshake(link, configuration, deadline: deadline).map { link }
            }
    }

    private static func handshake(
        _ link: RedisLink,
        _ configuration: RedisConfiguration,
        deadline: NIODeadline
    ) -> EventLoopFuture<Void> {
        var commands: [RedisCommand] = []
        if let password = configuration.password {
            if let username = configuration.username {
                commands.append(RedisCommand("AUTH", username, password))
            } else {
                commands.append(RedisCommand("AUTH", password))
            }
        }
        if configuration.database != 0 {
            commands.append(RedisCommand("SELECT", configuration.database))
        }
        commands.append(RedisCommand("PING"))

        let promise = link.eventLoop.makePromise(of: Void.self)
        let endpoint = "\(configuration.host):\(configuration.port)"
        link.send(RedisRequest(commands, deadline: deadline) { [commands] result in
            let refusal: RedisClientError?
            switch result {
            case .failure(let error):
                refusal = .unavailable("handshake with \(endpoint) failed: \(error)")
            case .success(let replies):
                refusal = zip(commands, replies).lazy.compactMap { command, reply in
                    reply.errorMessage.map { RedisClientError.unavailable("\(command.name) rejected by Redis: \($0)") }
                }.first ?? (replies.last == .status("PONG") ? nil : .unavailable("\(endpoint) does not answer PING like Redis"))
            }
            if let refusal {
                link.close(because: refusal)
                promise.fail(refusal)
            } else {
                promise.succeed()
            }
        })
        return promise.futureResult
    }
}
