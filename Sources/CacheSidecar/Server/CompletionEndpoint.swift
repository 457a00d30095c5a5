import Embeddings
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `POST /v1/chat/completions`: the request's path through the cache.
///
/// 1. read and validate the body (``CompletionCall``);
/// 2. look the exact key up (``CompletionCache``) and answer a hit as JSON or as a replayed stream;
/// 3. otherwise embed the prompt and look for the same question asked in other words in the same
///    context (``SemanticCache``);
/// 4. otherwise — unless `Cache-Control: only-if-cached` asks for a 504 instead — forward upstream, relay the answer as it arrives, and keep it once it has ended
///    well — before the client sees the end, so its next request finds it. Identical misses under
///    way at the same time share one upstream call (``RequestCoalescer``).
struct CompletionEndpoint: Sendable {
    let cache: CompletionCache
    let semantic: SemanticCache?
    let upstream: any Upstream
    let coalescer: RequestCoalescer
    let stats: StatsRecorder
    let configuration: SidecarConfiguration
    let logger: Logger

    func respond(to request: Request, context: some RequestContext) async -> Response {
        let started = ContinuousClock.now
        let call: CompletionCall
        do {
            call = try await CompletionCall.read(request, configuration: configuration)
        } catch {
            finish(.error, model: nil, status: error.status, started: started)
            return error.response()
        }
        let model = call.request.model
        if configuration.logPrompts, let prompt = call.request.semanticPrompt {
            logger.debug("prompt", metadata: ["model": .string(model), "prompt": .string(prompt)])
        }

        var outcome = CacheOutcome.bypass
        if call.directives.lookup {
            switch await cache.lookup(call.keys) {
            case .hit(let entry):
                finish(.exactHit, model: model, status: .ok, started: started, saved: cache.savedUsage(by: entry, model: model))
                return hitResponse(entry, key: call.keys.exact, call: call, semantic: nil)
            case .miss:
                outcome = .miss
            case .unavailable:
                outcome = .bypass
            }
        }
        let storing = call.directives.store && outcome == .miss
            || (!call.directives.lookup && call.directives.store)

        // The prompt is embedded to look it up, and to store its vector with the answer.
        let semanticLookup = call.directives.lookup && outcome == .miss
        var semanticFields: SemanticFields?
        // The prompt's token states, when its lookup computed them for the alignment stage: kept
        // with the entry if the answer is stored (``SemanticCache/didStore``).
        var promptStates: TokenStates?
        let settings = cache.models.settings(for: model)
        if let semantic, semanticLookup || storing, settings.semanticEnabled,
            let context = call.keys.context, let prompt = call.request.semanticPrompt, semantic.accepts(prompt)
        {
            let alignment = settings.alignment.tightened(by: call.directives.minimumAlignment)
            if let query = await semantic.embed(prompt, tokenStates: semanticLookup && alignment.isOn) {
                semanticFields = SemanticFields(context: context, prompt: prompt, vector: query.vector)
                promptStates = query.tokenStates
                if semanticLookup {
                    let threshold = max(settings.similarityThreshold, call.directives.minimumSimilarity ?? 0)
                    switch await semantic.lookup(
                        prompt: prompt, query: query, context: context, model: model, threshold: threshold, alignment: alignment)
                    {
                    case .hit(let match):
                        if match.alignmentSkipped { stats.recordAlignmentSkipped(model: model) }
                        finish(
                            .semanticHit, model: model, status: .ok, started: started,
                            saved: cache.savedUsage(by: match.entry, model: model), similarity: match.similarity)
                        return hitResponse(match.entry, key: match.key, call: call, semantic: match)
                    case .miss(let refusedBy?):
                        stats.recordRefusal(model: model, by: refusedBy)
                    case .miss(nil):
                        break
                    }
                }
            }
        }
        if call.directives.onlyIfCached {
            finish(outcome, model: model, status: OpenAIError.notCached.status, started: started)
            var headers = CacheHeaders.outcome(outcome)
            headers[CacheHeaders.tenant] = call.scope.id
            return OpenAIError.notCached.response(headers: headers)
        }
        return await forward(
            call, outcome: outcome, storing: storing, semanticFields: semanticFields, promptStates: promptStates, started: started)
    }

    // MARK: Hits

    private func hitResponse(_ entry: CachedCompletion, key: String, call: CompletionCall, semantic: SemanticCache.Match?) -> Response {
        var headers = CacheHeaders.outcome(.exactHit)
        if let semantic {
            headers[CacheHeaders.match] = "semantic"
            headers[CacheHeaders.similarity] = String(format: "%.3f", semantic.similarity)
            if let alignment = semantic.alignment { headers[CacheHeaders.alignment] = String(format: "%.3f", alignment) }
        } else {
            headers[CacheHeaders.match] = "exact"
        }
        headers[CacheHeaders.key] = key
        headers[CacheHeaders.tenant] = call.scope.id
        let ageSeconds = max(0, (WallClock.milliseconds - entry.storedAtMilliseconds) / 1000)
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

    private func forward(
        _ call: CompletionCall, outcome: CacheOutcome, storing: Bool, semanticFields: SemanticFields?, promptStates: TokenStates?,
        started: ContinuousClock.Instant
    ) async -> Response {
        let upstreamRequest = UpstreamRequest(
            method: call.head.method, path: call.path,
            headers: ForwardedHeaders.towardUpstream(call.head.headerFields),
            body: call.rawBody, timeout: call.upstreamTimeout(base: configuration.upstreamTimeout))
        let keeper = storing
            ? AnswerKeeper(cache: cache, semantic: semantic, call: call, semanticFields: semanticFields, promptStates: promptStates) : nil
        // Only a request that looked the cache up and will store the answer shares a call.
        if let keeper, outcome == .miss, call.directives.lookup {
            return await forwardCoalesced(call, upstreamRequest, keeper: keeper, started: started)
        }
        let model = call.request.model
        let answer: UpstreamResponse
        do {
            answer = try await upstream.send(upstreamRequest)
        } catch {
            return failed(error, model: model, started: started)
        }

        // Upstream errors are relayed as they are and never kept.
        let finalOutcome: CacheOutcome = answer.status == .ok ? outcome : .error
        finish(finalOutcome, model: model, status: answer.status, started: started)

        let headers = responseHeaders(answer.headers, outcome: outcome, call: call)
        guard let keeper, answer.status == .ok else {
            return Response(status: answer.status, headers: headers, body: .init(relaying: answer.body))
        }
        if let whole = answer.body.whole {
            var recorder = keeper.makeRecorder()
            recorder.observe(whole)
            await recorder.complete()
            return Response(status: answer.status, headers: headers, body: .init(byteBuffer: whole))
        }
        let body = answer.body
        return Response(status: answer.status, headers: headers, body: ResponseBody { writer in
            var recorder = keeper.makeRecorder()
            for try await chunk in body {
                recorder.observe(chunk)
                try await writer.write(chunk)
            }
            // A cancelled body can look like a finished one: never store what was cut short.
            try Task.checkCancellation()
            await recorder.complete()
            try await writer.finish(nil)
        })
    }

    /// The leader makes the call in its own task and relays it to its client and to every client
    /// that joined, storing the answer before any of them sees the end (``LeaderRelay``). A
    /// follower gets the leader's answer, error statuses included (they were already retried),
    /// marked `X-Cache: HIT`, `X-Cache-Match: coalesced`.
    private func forwardCoalesced(
        _ call: CompletionCall, _ request: UpstreamRequest, keeper: AnswerKeeper, started: ContinuousClock.Instant
    ) async -> Response {
        let model = call.request.model
        // `stream` is not part of the cache key, but JSON and SSE answers are different bytes.
        let format = call.request.isStream ? (call.request.includeUsage ? "sse+usage" : "sse") : "json"
        switch coalescer.join(key: call.keys.exact + "|" + format) {
        case .leader(let flight):
            let answer: UpstreamResponse
            do {
                answer = try await upstream.send(request)
            } catch {
                flight.end(error)
                return failed(error, model: model, started: started)
            }
            flight.publishHead(ResponseHead(status: answer.status, headers: answer.headers))
            finish(answer.status == .ok ? .miss : .error, model: model, status: answer.status, started: started)
            let relay = LeaderRelay(flight: flight, upstream: answer.body, recorder: answer.status == .ok ? keeper.makeRecorder() : nil)
            let headers = responseHeaders(answer.headers, outcome: .miss, call: call)
            if let whole = answer.body.whole {
                await relay.deliver(whole)
                return Response(status: answer.status, headers: headers, body: .init(byteBuffer: whole))
            }
            return Response(status: answer.status, headers: headers, body: ResponseBody { writer in
                try await relay.run { try await writer.write($0) }
                try await writer.finish(nil)
            })
        case .follower(let ticket):
            switch await ticket.answer() {
            case .failed(let error):
                return failed(error, model: model, started: started)
            case .response(let head, let body):
                finish(head.status == .ok ? .coalesced : .error, model: model, status: head.status, started: started)
                var headers = responseHeaders(head.headers, outcome: .coalesced, call: call)
                headers[CacheHeaders.match] = "coalesced"
                return Response(status: head.status, headers: headers, body: .init(relaying: body))
            }
        }
    }

    private func responseHeaders(_ upstreamHeaders: HTTPFields, outcome: CacheOutcome, call: CompletionCall) -> HTTPFields {
        var headers = ForwardedHeaders.towardClient(upstreamHeaders)
        headers.append(contentsOf: CacheHeaders.outcome(outcome))
        headers[CacheHeaders.key] = call.keys.exact
        headers[CacheHeaders.tenant] = call.scope.id
        return headers
    }

    /// No response from any upstream: a 502 or 504 in OpenAI's error shape.
    private func failed(_ error: any Error, model: String, started: ContinuousClock.Instant) -> Response {
        let failure = OpenAIError.from(upstreamError: error)
        finish(.error, model: model, status: failure.status, started: started)
        return failure.response(headers: CacheHeaders.outcome(.error))
    }

    // MARK: Helpers

    /// Counts the request (stats and metrics) and writes its one structured log line — never
    /// the prompt, never a credential — with one latency for both: the time to the response's head.
    private func finish(
        _ outcome: CacheOutcome, model: String?, status: HTTPResponse.Status, started: ContinuousClock.Instant,
        saved: StatsRecorder.SavedUsage? = nil, similarity: Float? = nil
    ) {
        let elapsed = ContinuousClock.now - started
        stats.record(model: model, outcome: outcome, latency: elapsed, saved: saved)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "outcome": .string(outcome.rawValue),
            "model": .string(model ?? "-"),
            "status": .stringConvertible(status.code),
            "latency_ms": .string(String(format: "%.3f", milliseconds)),
        ]
        if let similarity { metadata["similarity"] = .string(String(format: "%.3f", similarity)) }
        logger.info("completion", metadata: metadata)
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
