import Foundation

/// Runs the system's Chromium headless (`apt-get install chromium`; `make test` installs it) and
/// returns what it printed, waiting without holding a thread.
enum HeadlessChromium {
    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The page's DOM after its scripts ran for `virtualMilliseconds` of virtual time.
    static func dumpDOM(_ url: String, virtualMilliseconds: Int = 5000) async throws -> String {
        try await run(["--virtual-time-budget=\(virtualMilliseconds)", "--dump-dom", url])
    }

    static func screenshot(_ url: String, to path: String, virtualMilliseconds: Int = 5000) async throws {
        _ = try await run(["--virtual-time-budget=\(virtualMilliseconds)", "--window-size=1280,900", "--screenshot=\(path)", url])
    }

    private static func run(_ arguments: [String]) async throws -> String {
        guard let executable else { throw ChromiumError.notInstalled }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("stdout")
        FileManager.default.createFile(atPath: output.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
        ] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else { throw ChromiumError.failed(status) }
        return try String(contentsOf: output, encoding: .utf8)
    }

    enum ChromiumError: Error {
        case notInstalled
        case failed(Int32)
    }
}

/// The text of the element with this id in a dumped DOM (no nested elements expected).
func elementText(id: String, in dom: String) -> String? {
    guard let start = dom.range(of: "id=\"\(id)\"") else { return nil }
    guard let open = dom[start.upperBound...].firstIndex(of: ">") else { return nil }
    let rest = dom[dom.index(after: open)...]
    guard let close = rest.firstIndex(of: "<") else { return nil }
    return String(rest[..<close])
}
