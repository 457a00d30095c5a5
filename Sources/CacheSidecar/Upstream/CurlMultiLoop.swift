// The only Swift file that calls libcurl. Everything else in Upstream/ is plain Swift.

import CCurl
import HTTPTypes
import Logging
import NIOCore
import Synchronization

import class Foundation.Thread

/// One HTTP exchange as curl should perform it.
struct CurlRequest: Sendable {
    var url: String
    var method: HTTPRequest.Method
    /// Sent as given; framing and compression headers must already be removed.
    var headers: HTTPFields
    var body: ByteBuffer
    /// Read by curl as it sends, instead of `body`.
    var streamedBody: StreamedRequestBody?
    var timeout: Duration
    /// Waits for a possible HTTP/2 connection to the same origin instead of opening another.
    var prefersMultiplexing: Bool
}

/// How a transfer ended.
enum CurlOutcome: Sendable {
    case completed
    case cancelled
    case failed(CurlFailure)
}

struct CurlFailure: Error, Sendable {
    /// The connect timeout or the request's total timeout elapsed.
    var isTimeout: Bool
    var message: String
}

/// Receives one transfer's events, always on the loop thread (or, if the loop has already shut
/// down, on the thread that called ``CurlMultiLoop/start(_:delegate:)``, with `.failed` only).
protocol CurlTransferDelegate: AnyObject, Sendable {
    /// One raw header line, CRLF included: every head on the connection (interim 1xx too) and trailers.
    /// ``curlTransferRoundEnded()`` follows before the loop waits again.
    func curlTransfer(receivedHeaderLine line: UnsafeRawBufferPointer)
    /// A piece of the decoded body. Returning `false` pauses the transfer: the bytes were not taken
    /// and curl offers them again after ``CurlMultiLoop/resume(_:)``.
    func curlTransfer(receivedBody bytes: UnsafeRawBufferPointer) -> Bool
    /// Called exactly once; no other event follows.
    func curlTransfer(finishedWith outcome: CurlOutcome)
    /// curl has handled what had arrived on the transfer's connection for now, after a header line:
    /// what the delegate held back until then (the head) can go out together with the body bytes,
    /// and the end, that came in the same read — one wake-up of the consumer instead of several.
    func curlTransferRoundEnded()
}

/// A request plus the curl easy handle that performs it.
///
/// After ``CurlMultiLoop/start(_:delegate:)`` its mutable state belongs to the loop thread.
final class CurlTransfer: @unchecked Sendable {
    let request: CurlRequest
    fileprivate var delegate: (any CurlTransferDelegate)?
    fileprivate var easy: UnsafeMutableRawPointer?
    fileprivate var headerList: UnsafeMutablePointer<curl_slist>?
    fileprivate var errorBuffer: UnsafeMutablePointer<CChar>?
    /// A cancel can overtake its start in the loop's queue; the start then finishes at once.
    fileprivate var isCancelled = false
    /// While running: the loop, told when the transfer's round must end (``CurlTransferDelegate/curlTransferRoundEnded()``).
    fileprivate var loop: CurlMultiLoop?
    fileprivate var endsRound = false

    init(request: CurlRequest) {
        self.request = request
    }
}

/// One curl multi handle and the dedicated thread that drives it.
///
/// Every libcurl call except `curl_multi_wakeup` happens on that thread, so the handles need no
/// locking; other threads only queue commands and wake the thread up. Transfers to the same origin
/// share connections (keep-alive, and HTTP/2 multiplexing when TLS negotiates it).
final class CurlMultiLoop: @unchecked Sendable {
    private enum Command {
        case start(CurlTransfer)
        case cancel(CurlTransfer)
        case resume(CurlTransfer)
    }

    private struct Inbox {
        var commands: [Command] = []
        var isShuttingDown = false
        /// The multi handle is gone: nothing may be queued or woken any more.
        var hasExited = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private static let globalInit: Void = {
        let code = ccurl_global_init()
        precondition(code == CURLE_OK, "curl_global_init failed: \(code)")
    }()

    private let multi: UnsafeMutableRawPointer
    private let connectTimeout: Duration
    private let caFile: String?
    private let logger: Logger
    private let inbox = Mutex(Inbox())
    /// Loop thread only: transfers added to the multi handle, by easy handle.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// Loop thread only: transfers whose delegate is owed ``CurlTransferDelegate/curlTransferRoundEnded()``.
    fileprivate var roundEnding: [CurlTransfer] = []
    private let activeCount = Atomic<Int>(0)

    /// Transfers currently in the multi handle; lets tests check that nothing leaks.
    var runningTransfers: Int { self.activeCount.load(ordering: .relaxed) }

    /// Idle upstream connections kept for reuse, over all upstreams (oldest closed first).
    static let idleConnectionLimit = 64

    init(connectTimeout: Duration, caFile: String? = nil, logger: Logger) {
        Self.globalInit
        guard let multi = curl_multi_init() else {
            fatalError("curl_multi_init failed")
        }
        ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, CCURL_PIPE_MULTIPLEX)
        // curl's own default lets its cache of idle connections grow to 4× the most transfers
        // ever in flight at once, so one burst would hold hundreds of sockets open for good.
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, Self.idleConnectionLimit)
        self.multi = multi
        self.connectTimeout = connectTimeout
        self.caFile = caFile
        self.logger = logger
        let thread = Thread { [self] in self.run() }
        thread.name = "curl-multi"
        thread.start()
    }

    // MARK: Commands from any thread

    /// Queues the transfer, which reports to `delegate` from then on. If the loop has shut down,
    /// the transfer fails at once.
    func start(_ transfer: CurlTransfer, delegate: any CurlTransferDelegate) {
        transfer.delegate = delegate
        if !self.send(.start(transfer)) {
            let delegate = transfer.delegate
            transfer.delegate = nil
            delegate?.curlTransfer(finishedWith: .failed(CurlFailure(isTimeout: false, message: "upstream is shut down")))
        }
    }

    /// Stops the transfer and frees its connection slot; a transfer that already finished is left alone.
    func cancel(_ transfer: CurlTransfer) {
        self.send(.cancel(transfer))
    }

    /// Unpauses a transfer whose delegate refused body bytes.
    func resume(_ transfer: CurlTransfer) {
        self.send(.resume(transfer))
    }

    /// Fails the transfers still running, frees the multi handle and ends the thread.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let hasExited = self.inbox.withLock { inbox in
                if inbox.hasExited { return true }
                inbox.exitWaiters.append(continuation)
                if !inbox.isShuttingDown {
                    inbox.isShuttingDown = true
                    curl_multi_wakeup(self.multi)
                }
                return false
            }
            if hasExited { continuation.resume() }
        }
    }

    @discardableResult
    private func send(_ command: Command) -> Bool {
        self.inbox.withLock { inbox in
            guard !inbox.hasExited else { return false }
            inbox.commands.append(command)
            // Under the lock, so the handle cannot be cleaned up in between.
            curl_multi_wakeup(self.multi)
            return true
        }
    }

    // MARK: The loop thread

    private func run() {
        while true {
            let (commands, isShuttingDown) = self.inbox.withLock { inbox in
                defer { inbox.commands.removeAll() }
                return (inbox.commands, inbox.isShuttingDown)
            }
            for command in commands {
                self.handle(command)
            }
            if isShuttingDown { break }

            var stillRunning: Int32 = 0
            let code = curl_multi_perform(self.multi, &stillRunning)
            if code != CURLM_OK {
                self.logger.error("curl_multi_perform failed", metadata: ["error": "\(String(cString: curl_multi_strerror(code)))"])
            }
            self.collectFinishedTransfers()
            self.endRounds()
            // Returns early on socket activity, on curl's own timers, or on curl_multi_wakeup.
            curl_multi_poll(self.multi, nil, 0, 1000, nil)
        }
        self.exit()
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let transfer):
            if transfer.isCancelled {
                self.finish(transfer, .cancelled)
            } else {
                self.add(transfer)
            }
        case .cancel(let transfer):
            transfer.isCancelled = true
            if let easy = transfer.easy, self.active[easy] != nil {
                self.finish(transfer, .cancelled)
            }
        case .resume(let transfer):
            if let easy = transfer.easy, self.active[easy] != nil {
                // Unpauses both directions: may call the write callback right away with the bytes
                // refused earlier, and the read callback for request bytes that arrived.
                ccurl_easy_unpause(easy)
            }
        }
    }

    private func add(_ transfer: CurlTransfer) {
        guard let easy = curl_easy_init() else {
            self.finish(transfer, .failed(CurlFailure(isTimeout: false, message: "curl_easy_init failed")))
            return
        }
        transfer.easy = easy
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CCURL_ERROR_SIZE))
        errorBuffer[0] = 0
        transfer.errorBuffer = errorBuffer
        transfer.headerList = self.configure(easy, for: transfer.request, errorBuffer: errorBuffer)

        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, userdata)
        ccurl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, userdata)
        ccurl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        if transfer.request.streamedBody != nil {
            ccurl_easy_setopt_pointer(easy, CURLOPT_READDATA, userdata)
            ccurl_easy_setopt_read_callback(easy, curlReadCallback)
        }

        let code = curl_multi_add_handle(self.multi, easy)
        guard code == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(code))
            self.finish(transfer, .failed(CurlFailure(isTimeout: false, message: message)))
            return
        }
        self.active[easy] = transfer
        self.activeCount.add(1, ordering: .relaxed)
        transfer.loop = self
    }

    /// After a round of curl_multi_perform and the finished transfers (whose delegates are gone).
    private func endRounds() {
        guard !self.roundEnding.isEmpty else { return }
        let transfers = self.roundEnding
        self.roundEnding.removeAll(keepingCapacity: true)
        for transfer in transfers {
            transfer.endsRound = false
            transfer.delegate?.curlTransferRoundEnded()
        }
    }

    /// Sets every option for one request; returns the header list curl reads until cleanup.
    private func configure(
        _ easy: UnsafeMutableRawPointer,
        for request: CurlRequest,
        errorBuffer: UnsafeMutablePointer<CChar>
    ) -> UnsafeMutablePointer<curl_slist>? {
        request.url.withCString { _ = ccurl_easy_setopt_pointer(easy, CURLOPT_URL, $0) }
        ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        // Signals cannot be used from a multithreaded process; timeouts then rely on curl's own timers.
        ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(self.connectTimeout))
        ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, CCURL_HTTP_VERSION_2TLS)
        ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, request.prefersMultiplexing ? 1 : 0)
        self.caFile?.withCString { _ = ccurl_easy_setopt_pointer(easy, CURLOPT_CAINFO, $0) }
        // "" offers every encoding this libcurl can decode, and decodes the body before we see it.
        "".withCString { _ = ccurl_easy_setopt_pointer(easy, CURLOPT_ACCEPT_ENCODING, $0) }

        let sendsBody = request.body.readableBytes > 0 || request.streamedBody != nil || [.post, .put, .patch].contains(request.method)
        switch request.method {
        case .get where !sendsBody:
            ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .head:
            ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        default:
            if request.method != .post {
                request.method.rawValue.withCString { _ = ccurl_easy_setopt_pointer(easy, CURLOPT_CUSTOMREQUEST, $0) }
            }
        }
        if let streamed = request.streamedBody {
            ccurl_easy_setopt_long(easy, CURLOPT_POST, 1)
            // -1: unknown, so curl sends it chunked.
            ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(streamed.length ?? -1))
        } else if sendsBody {
            // With the size set first, COPYPOSTFIELDS copies exactly that many bytes: binary safe.
            ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.readableBytes))
            request.body.withUnsafeReadableBytes { bytes in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { empty in
                    _ = ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, bytes.baseAddress ?? UnsafeRawPointer(empty.baseAddress!))
                }
            }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        func append(_ line: String) {
            list = line.withCString { curl_slist_append(list, $0) }
        }
        for field in request.headers {
            // curl's syntax for a header with an empty value is `Name;`.
            append(field.value.isEmpty ? "\(field.name.rawName);" : "\(field.name.rawName): \(field.value)")
        }
        // `Name:` removes a header curl would add on its own: no 100-continue round trip, and no
        // made-up form content type for a body the client sent without one.
        append("Expect:")
        if sendsBody && request.headers[.contentType] == nil {
            append("Content-Type:")
        }
        ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
        return list
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(self.multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE,
                let easy = message.pointee.easy_handle,
                let transfer = self.active[easy]
            else { continue }
            let code = message.pointee.data.result
            if code == CURLE_OK {
                self.finish(transfer, .completed)
            } else {
                let failure = self.failure(code, of: transfer)
                self.logger.debug(
                    "upstream transfer failed",
                    metadata: ["url": "\(transfer.request.url.prefix { $0 != "?" })", "curl.code": "\(code.rawValue)", "error": "\(failure.message)"]
                )
                self.finish(transfer, .failed(failure))
            }
        }
    }

    private func failure(_ code: CURLcode, of transfer: CurlTransfer) -> CurlFailure {
        var message = String(cString: curl_easy_strerror(code))
        if let errorBuffer = transfer.errorBuffer, errorBuffer[0] != 0 {
            message = String(cString: errorBuffer)
        }
        return CurlFailure(isTimeout: code == CURLE_OPERATION_TIMEDOUT, message: message)
    }

    /// Frees the transfer's curl resources, then tells its delegate, exactly once.
    private func finish(_ transfer: CurlTransfer, _ outcome: CurlOutcome) {
        if let easy = transfer.easy {
            if self.active.removeValue(forKey: easy) != nil {
                curl_multi_remove_handle(self.multi, easy)
                self.activeCount.subtract(1, ordering: .relaxed)
            }
            curl_easy_cleanup(easy)
            transfer.easy = nil
        }
        curl_slist_free_all(transfer.headerList)
        transfer.headerList = nil
        // A body curl never touched may still go to another attempt; its owner closes it then.
        if let body = transfer.request.streamedBody, body.hasStarted { body.close() }
        transfer.errorBuffer?.deallocate()
        transfer.errorBuffer = nil

        transfer.loop = nil
        let delegate = transfer.delegate
        transfer.delegate = nil  // Breaks the transfer ↔ delegate cycle.
        delegate?.curlTransfer(finishedWith: outcome)
    }

    private func exit() {
        for transfer in self.active.values {
            self.finish(transfer, .failed(CurlFailure(isTimeout: false, message: "upstream is shut down")))
        }
        let (commands, waiters) = self.inbox.withLock { inbox in
            inbox.hasExited = true
            defer {
                inbox.commands.removeAll()
                inbox.exitWaiters.removeAll()
            }
            return (inbox.commands, inbox.exitWaiters)
        }
        for case .start(let transfer) in commands {
            self.finish(transfer, .failed(CurlFailure(isTimeout: false, message: "upstream is shut down")))
        }
        curl_multi_cleanup(self.multi)
        self.logger.debug("curl loop stopped")
        for waiter in waiters { waiter.resume() }
    }

    /// curl treats 0 as "no timeout", so anything shorter than a millisecond rounds up to one.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return max(1, Int(clamping: total))
    }
}

// MARK: Callbacks (run inside curl_multi_perform or curl_easy_pause, on the loop thread)

private let curlHeaderCallback: curl_write_callback = { data, size, count, userdata in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
    let length = size * count
    transfer.delegate?.curlTransfer(receivedHeaderLine: UnsafeRawBufferPointer(start: data, count: length))
    if !transfer.endsRound, let loop = transfer.loop {
        transfer.endsRound = true
        loop.roundEnding.append(transfer)
    }
    return length
}

private let curlWriteCallback: curl_write_callback = { data, size, count, userdata in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
    let length = size * count
    guard let delegate = transfer.delegate else { return 0 }  // 0 aborts the transfer.
    let taken = delegate.curlTransfer(receivedBody: UnsafeRawBufferPointer(start: data, count: length))
    return taken ? length : CCURL_WRITEFUNC_PAUSE
}

private let curlReadCallback: curl_read_callback = { data, size, count, userdata in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
    guard let body = transfer.request.streamedBody, let data else { return CCURL_READFUNC_ABORT }
    switch body.read(into: UnsafeMutableRawBufferPointer(start: data, count: size * count)) {
    case .bytes(let count): return count
    case .wouldBlock: return CCURL_READFUNC_PAUSE
    case .end: return 0
    case .failed: return CCURL_READFUNC_ABORT
    }
}
