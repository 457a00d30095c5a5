import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// nginx on a loopback port speaking HTTPS with HTTP/2, answering every request with a fixed chat
/// completion: an upstream that offers HTTP/2 the way providers do, with a certificate of its own
/// (`ca.pem` in ``directory``) and an access log that names each request's connection and protocol.
final class TLSNginx: @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let directory: URL
    private var pid: pid_t?

    var origin: String { "https://127.0.0.1:\(port)" }
    /// The self-signed certificate, to trust as the upstream's CA.
    var certificateFile: String { directory.appendingPathComponent("cert.pem").path }

    static let completion = #"{"id":"chatcmpl-h2","object":"chat.completion","created":1700000000,"model":"gpt-4.1","#
        + #""choices":[{"index":0,"message":{"role":"assistant","content":"over HTTP/2"},"finish_reason":"stop"}],"#
        + #""usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}"#

    init() throws {
        port = try RedisServerProcess.freeLoopbackPort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nginx-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try Self.run([
            "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory.appendingPathComponent("key.pem").path,
            "-out", certificateFile,
        ])
        let dir = directory.path
        let configuration = """
            worker_processes 1;
            daemon off;
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log warn;
            events { worker_connections 256; }
            http {
                log_format probe '$connection $server_protocol $request_uri';
                access_log \(dir)/access.log probe;
                client_body_temp_path \(dir)/body; proxy_temp_path \(dir)/proxy; fastcgi_temp_path \(dir)/fastcgi;
                uwsgi_temp_path \(dir)/uwsgi; scgi_temp_path \(dir)/scgi;
                server {
                    listen 127.0.0.1:\(port) ssl http2;
                    ssl_certificate \(certificateFile);
                    ssl_certificate_key \(dir)/key.pem;
                    location / { default_type application/json; return 200 '\(Self.completion)'; }
                }
            }
            """
        try configuration.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let pid = try ChildProcess.spawn(["/usr/sbin/nginx", "-c", "\(dir)/nginx.conf", "-e", "\(dir)/error.log"])
        self.pid = pid
        let deadline = ContinuousClock.now + .seconds(10)
        while !RedisServerProcess.acceptsConnections(port: port) {
            guard ContinuousClock.now < deadline, kill(pid, 0) == 0 else {
                stop()
                let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
                throw StartError(description: "nginx did not start: \(log)")
            }
            usleep(20_000)
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops nginx (SIGQUIT: graceful; SIGKILL after two seconds) by its process id.
    func stop() {
        guard let pid else { return }
        self.pid = nil
        kill(pid, SIGQUIT)
        if ChildProcess.reap(pid, within: .seconds(2)) == nil {
            kill(pid, SIGKILL)
            _ = ChildProcess.reap(pid, within: nil)
        }
    }

    /// One entry per request nginx answered: its connection serial number and protocol.
    func accessLog() throws -> [(connection: String, httpProtocol: String)] {
        try String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)
            .split(separator: "\n").map { line in
                let fields = line.split(separator: " ")
                return (String(fields[0]), String(fields[1]))
            }
    }

    private static func run(_ arguments: [String]) throws {
        let pid = try ChildProcess.spawn(arguments)
        guard case .code(0) = ChildProcess.reap(pid, within: nil) else { throw StartError(description: "\(arguments[0]) failed") }
    }
}
