import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A throwaway `redis-server` on a free loopback port, for tests that need a real Redis.
///
/// Nothing is persisted (`--save ''`, no AOF, a temporary `--dir`). The server is stopped when this object
/// goes away; tests that kill or restart it, stall it (`DEBUG SLEEP`) or need a password should start their
/// own, everything else can share ``RedisServerProcess/sharedURL()``.
final class RedisServerProcess: @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        var description: String

        /// redis-server found its port taken (its log says so).
        var portWasTaken: Bool { description.contains("Address already in use") }
    }

    static let executable = "/usr/bin/redis-server"

    private(set) var port: Int
    let password: String?
    let directory: URL
    private let lock = NSLock()
    /// The running server's process id. Guarded by `lock`.
    private var runningPID: pid_t?

    /// `redis://[:password@]127.0.0.1:port`, the password percent-encoded.
    var url: String {
        let userInfo = password.map { ":\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)@" } ?? ""
        return "redis://\(userInfo)127.0.0.1:\(port)"
    }

    /// The server's process id, or `nil` while stopped.
    var pid: Int32? { lock.withLock { runningPID } }

    /// Starts a server and waits until it answers `PING`.
    init(password: String? = nil) throws {
        self.port = 0
        self.password = password
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("redis-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The free port can be taken before redis-server binds it (on a busy test machine, as the
        // ephemeral port of some client connection): then another port is tried.
        for attempt in 1...5 {
            port = try Self.freeLoopbackPort()
            do {
                try start()
                return
            } catch let error as StartError where error.portWasTaken && attempt < 5 {
                continue
            }
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops the server gracefully (SIGTERM), falling back to SIGKILL after two seconds.
    func stop() {
        lock.withLock {
            guard let pid = runningPID else { return }
            Glibc.kill(pid, SIGTERM)
            if ChildProcess.reap(pid, within: .seconds(2)) == nil {
                Glibc.kill(pid, SIGKILL)
                _ = ChildProcess.reap(pid, within: nil)
            }
            runningPID = nil
        }
    }

    /// Kills the server abruptly (SIGKILL), as a crash would, and waits for it to be gone.
    func kill() {
        lock.withLock {
            guard let pid = runningPID else { return }
            Glibc.kill(pid, SIGKILL)
            _ = ChildProcess.reap(pid, within: nil)
            runningPID = nil
        }
    }

    /// Stops the server if it runs, then starts a fresh one on the same port. (Should the kernel have handed
    /// the port to some outgoing connection meanwhile, the start fails with the server's log in the error.)
    func restart() throws {
        stop()
        try start()
    }

    private func start() throws {
        var arguments = [
            Self.executable,
            "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory.path, "--logfile", directory.appendingPathComponent("redis.log").path,
            // Tests stall the server with DEBUG SLEEP; Redis 7 refuses DEBUG unless enabled.
            "--enable-debug-command", "local",
        ]
        if let password { arguments += ["--requirepass", password] }
        // redis-server appends to its log: start each run's afresh, so a failure reads its own.
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("redis.log"))
        let pid = try ChildProcess.spawn(arguments)
        lock.withLock { runningPID = pid }

        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if Self.answersPing(port: port) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                lock.withLock { runningPID = nil }
                break
            }
            usleep(10_000)
        }
        kill()
        let log = (try? String(contentsOf: directory.appendingPathComponent("redis.log"), encoding: .utf8)) ?? ""
        throw StartError(description: "redis-server on port \(port) did not answer PING; log:\n\(log.suffix(2000))")
    }

    /// A loopback port that binds now, picked at random below the kernel's ephemeral range (32768 and
    /// up on Linux), so that no outgoing connection takes it as its source port before the server
    /// binds it, or while a test has the server down (scripts/redis-local.sh does the same). Another
    /// test can still pick the same port meanwhile; `init` then tries another.
    static func freeLoopbackPort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20000...32000)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw StartError(description: "socket() failed: \(errno)") }
            defer { close(fd) }
            var address = loopback(port: port)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { return port }
        }
        throw StartError(description: "no free loopback port in 20000-32000")
    }

    /// Speaks just enough RESP to see the server up: a `PING` answered by `+PONG`, or by `-NOAUTH`
    /// when a password is required (which still proves it is serving).
    static func answersPing(port: Int) -> Bool {
        guard let fd = connectedSocket(port: port) else { return false }
        defer { close(fd) }
        let ping = Array("PING\r\n".utf8)
        guard send(fd, ping, ping.count, Int32(MSG_NOSIGNAL)) == ping.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        let reply = String(decoding: buffer[..<count], as: UTF8.self)
        return reply.hasPrefix("+PONG") || reply.hasPrefix("-NOAUTH")
    }

    /// Whether anything accepts a TCP connection on the loopback port.
    static func acceptsConnections(port: Int) -> Bool {
        guard let fd = connectedSocket(port: port) else { return false }
        close(fd)
        return true
    }

    /// A socket connected to 127.0.0.1:`port` with a 1 s receive timeout, or nil (`errno` says why).
    static func connectedSocket(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let failure = errno
            close(fd)
            errno = failure
            return nil
        }
        return fd
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

extension RedisServerProcess {
    /// The Redis most tests share: `TEST_REDIS_URL` when set (the Makefile starts one), otherwise a private
    /// server started once per test process and killed when it exits. Tests sharing it must use unique keys.
    static func sharedURL() throws -> String {
        if let url = ProcessInfo.processInfo.environment["TEST_REDIS_URL"], !url.isEmpty {
            return url
        }
        return try sharedServer.get().url
    }

    private static let sharedServer: Result<RedisServerProcess, any Error> = {
        let result = Result { try RedisServerProcess() }
        // Static values are never deinitialised, so stop the server explicitly when the test process exits.
        atexit {
            guard case .success(let server) = RedisServerProcess.sharedServer else { return }
            server.kill()
            try? FileManager.default.removeItem(at: server.directory)
        }
        return result
    }()
}
