import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `POST /v1/chat/completions`: the request's path through the cache.
///
/// 1. read and validate the body (``CompletionCall``);
/// 2. look the exact key up (``CompletionCache``) and answer a hit as JSON or as a replayed stream;
/// 3. otherwise forward upstream, relay the answer as it arrives, and keep it once it has ended
///    well — before the client sees the end, so its next request finds it.
struct CompletionEndpoint: Sendable {
    let cache: CompletionCache
    let upstream: any Upstream
    let stats: StatsRecorder
    let configuration: SidecarConfiguration
    let logger: Logger

    func respond(to request: Request, context: some RequestContext) async -> Response {
        let started = ContinuousClock.now
        let call: CompletionCall
        do {
            call = try await CompletionCall.read(request, configuration: configuration)
        } catch {
            stats.record(model: nil, outcome: .error)
            logRequest(outcome: .error, model: nil, status: error.status, started: started)
            return error.response()
        }
        let model = call.request.model

        var outcome = CacheOutcome.bypass
        if call.directives.lookup {
            switch await cache.lookup(call.keys) {
            case .hit(let entry):
                stats.record(model: model, outcome: .exactHit, saved: cache.savedUsage(by: entry, model: model))
                logRequest(outcome: .exactHit, model: model, status: .ok, started: started)
                return hitResponse(entry, call: call)
            case .miss:
                outcome = .miss
            case .unavailable:
                outcome = .bypass
            }
        }
        let storing = call.directives.store && outcome == .miss
            || (!call.directives.lookup && call.directives.store)
        return await forward(call, outcome: outcome, storing: storing, started: started)
    }

    // MARK: Hits

    private func hitResponse(_ entry: CachedCompletion, call: CompletionCall) -> Response {
        var headers = CacheHeaders.outcome(.exactHit)
        headers[CacheHeaders.match] = "exact"
        headers[CacheHeaders.key] = call.keys.exact
        let ageSeconds = max(0, (Self.nowMilliseconds() - entry.storedAtMilliseconds) / 1000)
        headers[CacheHeaders.age] = String(ageSeconds)
        if call.request.isStream, let completion = try? JSONParser.parse(entry.body) {
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            let events = CompletionStreamReplayer.events(for: completion, includeUsage: call.request.includeUsage)
            return Response(status: .ok, headers: headers, body: .init(contentsOf: events))
        }
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: entry.body)))
    }

    // MARK: Misses

    private func forward(_ call: CompletionCall, outcome: CacheOutcome, storing: Bool, started: ContinuousClock.Instant) async -> Response {
        let model = call.request.model
        let upstreamRequest = UpstreamRequest(
            method: call.head.method, path: call.path,
            headers: ForwardedHeaders.towardUpstream(call.head.headerFields),
            body: call.rawBody, timeout: call.upstreamTimeout(base: configuration.upstreamTimeout))
        let answer: UpstreamResponse
        do {
            answer = try await upstream.send(upstreamRequest)
        } catch {
            let failure = OpenAIError.from(upstreamError: error)
            stats.record(model: model, outcome: .error)
            logRequest(outcome: .error, model: model, status: failure.status, started: started)
            return failure.response(headers: CacheHeaders.outcome(.error))
        }

        // Upstream errors are relayed as they are and never kept.
        let keep = storing && answer.status == .ok
        let finalOutcome: CacheOutcome = answer.status == .ok ? outcome : .error
        stats.record(model: model, outcome: finalOutcome)
        logRequest(outcome: finalOutcome, model: model, status: answer.status, started: started)

        var headers = ForwardedHeaders.towardClient(answer.headers)
        headers.append(contentsOf: CacheHeaders.outcome(outcome))
        headers[CacheHeaders.key] = call.keys.exact
        guard keep else {
            return Response(status: answer.status, headers: headers, body: .init(asyncSequence: answer.body))
        }
        let cache = self.cache
        let keys = call.keys
        let ttl = call.directives.ttl
        let scope = call.scope
        let streamed = call.request.isStream
        let body = answer.body
        return Response(status: answer.status, headers: headers, body: ResponseBody { writer in
            var collector = AnswerCollector(streamed: streamed)
            for try await chunk in body {
                collector.observe(chunk)
                try await writer.write(chunk)
            }
            if let entry = collector.entry(model: model, scope: scope, now: Self.nowMilliseconds()) {
                await cache.save(entry, keys: keys, ttl: ttl)
            }
            try await writer.finish(nil)
        })
    }

    // MARK: Helpers

    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// One structured line per request: never the prompt, never a credential.
    private func logRequest(outcome: CacheOutcome, model: String?, status: HTTPResponse.Status, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("completion", metadata: [
            "outcome": .string(outcome.rawValue),
            "model": .string(model ?? "-"),
            "status": .stringConvertible(status.code),
            "latency_ms": .string(String(format: "%.3f", milliseconds)),
        ])
    }
}

extension OpenAIError {
    /// The error a client sees when the provider gave no answer at all.
    static func from(upstreamError error: any Error) -> OpenAIError {
        switch error as? UpstreamError {
        case .timedOut?: .upstreamTimedOut
        case .connectionFailed(let detail)?: .upstreamUnavailable(detail)
        case .transferFailed(let detail)?: .upstreamUnavailable(detail)
        case nil: .upstreamUnavailable("\(error)")
        }
    }
}
