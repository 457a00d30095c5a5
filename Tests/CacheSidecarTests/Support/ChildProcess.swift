import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starting and reaping child processes by PID, for tests that run real servers (redis-server,
/// the `cache-sidecar` executable). Not Foundation's `Process`: its `isRunning` lagged the real
/// exit by seconds here, and tests want prompt, exact reaping and the exit status.
enum ChildProcess {
    struct SpawnError: Error, CustomStringConvertible {
        var description: String

        /// The child found its port taken (its log says so).
        var portWasTaken: Bool { description.contains("Address already in use") }
    }

    /// Starts a process with stdin on /dev/null and stdout and stderr appended to `output`.
    /// - Parameter environment: `NAME=value` entries; the test process's environment when nil.
    static func spawn(_ arguments: [String], environment: [String]? = nil, output: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The child inherits the spawning thread's signal mask and ignored signals; the test runner's threads
        // may block SIGTERM, which would leave the child deaf to it. Start it with a clean slate.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let result = envp.map { posix_spawn(&pid, arguments[0], &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw SpawnError(description: "posix_spawn \(arguments[0]) failed: \(result)") }
        return pid
    }

    /// How a reaped child ended.
    enum Exit: Equatable {
        case code(Int32)
        case signal(Int32)
    }

    /// Waits for `pid` to exit and collects it; `nil` waits without limit. Nil when it is still running.
    static func reap(_ pid: pid_t, within timeout: Duration?) -> Exit? {
        var status: Int32 = 0
        func exit() -> Exit { status & 0x7F == 0 ? .code((status >> 8) & 0xFF) : .signal(status & 0x7F) }
        guard let timeout else { return waitpid(pid, &status, 0) == pid ? exit() : nil }
        let deadline = ContinuousClock.now + timeout
        repeat {
            if waitpid(pid, &status, WNOHANG) == pid { return exit() }
            usleep(5_000)
        } while ContinuousClock.now < deadline
        return nil
    }
}
