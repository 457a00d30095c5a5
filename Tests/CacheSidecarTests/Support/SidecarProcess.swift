import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#endif

/// The real `cache-sidecar` executable as a child process, for what only a process shows:
/// signals, exit status, the address it binds.
final class SidecarProcess: @unchecked Sendable {
    private(set) var pid: pid_t
    private(set) var port: Int
    /// The process's stdout and stderr.
    private(set) var logPath: String
    private let lock = NSLock()
    private var exit: ChildProcess.Exit?

    /// The executable `swift build` put beside the test bundle.
    static var executable: String {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return bundle.deletingLastPathComponent().appendingPathComponent("cache-sidecar").path
    }

    /// Starts `cache-sidecar serve` on a free port with these flags, and waits until `/healthz` answers.
    ///
    /// The free port can be taken before the sidecar binds it (by another test's server or client):
    /// then another port is tried, as ``RedisServerProcess`` does.
    init(arguments: [String], environment: [String: String] = [:]) async throws {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIDECAR_") }
        env["LOG_LEVEL"] = "notice"
        env.merge(environment) { $1 }
        var attempt = 1
        while true {
            let port = try RedisServerProcess.freeLoopbackPort()
            let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("sidecar-\(UUID().uuidString).log").path
            let pid = try ChildProcess.spawn(
                [Self.executable, "serve", "--port", "\(port)"] + arguments, environment: env.map { "\($0.key)=\($0.value)" }, output: logPath)
            (self.pid, self.port, self.logPath) = (pid, port, logPath)
            do {
                try await waitUntilHealthy()
                return
            } catch let error as ChildProcess.SpawnError where error.portWasTaken && attempt < 5 {
                try? FileManager.default.removeItem(atPath: logPath)
                lock.withLock { exit = nil }
                attempt += 1
            }
        }
    }

    private func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let reply = try? await SidecarHarness.httpClient.execute(HTTPClientRequest(url: url("/healthz")), timeout: .seconds(2)),
                reply.status == .ok
            {
                return
            }
            if let exit = reap(within: .zero) { throw ChildProcess.SpawnError(description: "sidecar exited at start: \(exit)\n\(log)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ChildProcess.SpawnError(description: "sidecar did not become healthy\n\(log)")
    }

    deinit {
        if reap(within: .zero) == nil {
            kill(pid, SIGKILL)
            _ = reap(within: nil)
        }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { kill(pid, signal) }

    /// How the process ended, waiting up to `timeout` for it; nil while it still runs.
    func reap(within timeout: Duration?) -> ChildProcess.Exit? {
        lock.withLock {
            if exit == nil { exit = ChildProcess.reap(pid, within: timeout) }
            return exit
        }
    }

    /// Waits off the cooperative pool, polling, so other tasks keep running meanwhile.
    func exited(within timeout: Duration) async throws -> ChildProcess.Exit? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let exit = reap(within: .zero) { return exit }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Whether a new TCP connection to the port is refused.
    var refusesConnections: Bool {
        guard let fd = RedisServerProcess.connectedSocket(port: port) else { return errno == ECONNREFUSED }
        close(fd)
        return false
    }

    /// The local addresses of the listening TCP sockets on this port, from /proc/net/tcp and tcp6:
    /// `a.b.c.d` for IPv4, the kernel's hex for IPv6.
    var listeningAddresses: [String] {
        ["/proc/net/tcp", "/proc/net/tcp6"].flatMap { path in
            let table = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return table.split(separator: "\n").dropFirst().compactMap { line -> String? in
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { return nil }  // 0A: LISTEN
                let local = fields[1].split(separator: ":")
                guard local.count == 2, Int(local[1], radix: 16) == port else { return nil }
                guard local[0].count == 8, let raw = UInt32(local[0], radix: 16) else { return String(local[0]) }
                // An IPv4 address is in host (little-endian) order.
                return [raw & 0xFF, raw >> 8 & 0xFF, raw >> 16 & 0xFF, raw >> 24].map(String.init).joined(separator: ".")
            }
        }
    }
}
