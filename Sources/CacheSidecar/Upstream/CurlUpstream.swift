import HTTPTypes
import Logging
import NIOCore

/// The production ``Upstream``: forwards requests to the provider with libcurl.
///
/// All transfers share one curl multi handle driven by one dedicated thread, so connections are
/// reused across requests and no NIO event loop ever blocks. Call ``shutdown()`` when done.
public final class CurlUpstream: Upstream {
    /// Scheme, host and optional port, e.g. `https://api.openai.com`; request paths are appended.
    public let origin: String
    private let loop: CurlMultiLoop
    private let logger: Logger
    private let highWatermark: Int
    private let lowWatermark: Int

    /// - Parameter caFile: PEM certificate authorities to trust for TLS instead of the system's.
    public convenience init(origin: String, connectTimeout: Duration, caFile: String? = nil, logger: Logger) {
        self.init(
            origin: origin,
            connectTimeout: connectTimeout,
            caFile: caFile,
            logger: logger,
            bodyHighWatermark: 512 * 1024,
            bodyLowWatermark: 128 * 1024
        )
    }

    /// The watermarks bound memory per response: past `bodyHighWatermark` unread bytes the
    /// transfer pauses until the consumer has read down to `bodyLowWatermark`.
    init(origin: String, connectTimeout: Duration, caFile: String? = nil, logger: Logger, bodyHighWatermark: Int, bodyLowWatermark: Int) {
        var origin = origin
        while origin.hasSuffix("/") { origin.removeLast() }
        self.origin = origin
        self.logger = logger
        self.loop = CurlMultiLoop(connectTimeout: connectTimeout, caFile: caFile, logger: logger)
        self.highWatermark = bodyHighWatermark
        self.lowWatermark = bodyLowWatermark
    }

    public func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let curlRequest = CurlRequest(
            url: self.origin + request.path,
            method: request.method,
            headers: HopByHopHeaders.filter(request.headers, dropping: HopByHopHeaders.isDroppedFromRequest),
            body: request.body,
            streamedBody: request.streamedBody,
            timeout: request.timeout,
            prefersMultiplexing: self.origin.lowercased().hasPrefix("https:")
        )
        // Without the query: some providers take a key there (`?key=`), and logs never hold credentials.
        self.logger.debug("upstream request", metadata: ["method": "\(request.method)", "path": "\(request.path.prefix { $0 != "?" })"])

        let loop = self.loop
        let (high, low) = (self.highWatermark, self.lowWatermark)
        let transfer = CurlTransfer(request: curlRequest)
        request.streamedBody?.connect { loop.resume(transfer) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let exchange = UpstreamExchange(head: continuation) {
                    ResponseBodyBuffer(
                        highWatermark: high,
                        lowWatermark: low,
                        onDemand: { loop.resume(transfer) },
                        onConsumerGone: { loop.cancel(transfer) }
                    )
                }
                loop.start(transfer, delegate: exchange)
            }
        } onCancel: {
            // Queued behind the start (or, if it overtakes it, the start finishes at once).
            loop.cancel(transfer)
        }
    }

    /// Transfers in flight right now.
    var runningTransfers: Int { self.loop.runningTransfers }

    /// Cancels the transfers still running and stops the curl thread.
    public func shutdown() async {
        await self.loop.shutdown()
    }
}
