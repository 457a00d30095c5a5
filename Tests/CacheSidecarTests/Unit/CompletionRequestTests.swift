import HTTPTypes
import Testing
@testable import CacheSidecar

@Suite("Request validation and directives")
struct CompletionRequestTests {
    private func error(_ body: String) -> OpenAIError? {
        do {
            _ = try CompletionRequest.parse(Array(body.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func missingAndMistypedFieldsAreNamed() {
        #expect(error(#"{"messages":[{"role":"user","content":"x"}]}"#)?.param == "model")
        #expect(error(#"{"model":"m"}"#)?.param == "messages")
        #expect(error(#"{"model":5,"messages":[]}"#)?.code == "invalid_type")
        #expect(error(#"{"model":"m","messages":"hi"}"#)?.param == "messages")
        #expect(error(#"{"model":"m","messages":[]}"#)?.param == "messages")
        #expect(error(#"{"model":"m","messages":[{"content":"x"}]}"#)?.param == "messages[0].role")
        #expect(error(#"{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}"#)?.param == "stream")
        #expect(error(#"[1,2]"#)?.code == "invalid_json")
        #expect(error(#"{"model":"m",}"#)?.status == .badRequest)
        #expect(error(#"{"model":"m","messages":[{"role":"user","content":"x"}]}"#) == nil)
    }

    @Test func cacheControlDirectives() throws {
        #expect(try CacheDirectives.from([:]) == CacheDirectives())
        let noCache = try CacheDirectives.from([.cacheControl: "no-cache"])
        #expect(!noCache.lookup && noCache.store)
        let noStore = try CacheDirectives.from([.cacheControl: "max-age=0, No-Store"])
        #expect(!noStore.lookup && !noStore.store)
        let onlyIfCached = try CacheDirectives.from([.cacheControl: "Only-If-Cached"])
        #expect(onlyIfCached.onlyIfCached && onlyIfCached.lookup && !onlyIfCached.store)
        #expect(!noStore.onlyIfCached)
        #expect(try CacheDirectives.from([CacheDirectives.ttlHeader: "60"]).ttl == .seconds(60))
        #expect(throws: OpenAIError.self) { try CacheDirectives.from([CacheDirectives.ttlHeader: "-1"]) }
        #expect(throws: OpenAIError.self) { try CacheDirectives.from([CacheDirectives.ttlHeader: "soon"]) }
        #expect(throws: OpenAIError.self) { try CacheDirectives.from([CacheDirectives.thresholdHeader: "1.5"]) }
    }

    @Test func onlyNormalCompletionsAreStorable() throws {
        func storable(_ body: String) throws -> Bool {
            let parsed = try JSONParser.parse(Array(body.utf8))
            return CachedCompletion.storable(body: Array(body.utf8), parsed: parsed, model: "m", scope: "s", now: 0) != nil
        }
        #expect(try storable(#"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#))
        #expect(try !storable(#"{"object":"chat.completion","choices":[]}"#))
        #expect(try !storable(#"{"object":"chat.completion","choices":[{"message":{"content":"x"},"finish_reason":"content_filter"}]}"#))
        #expect(try !storable(#"{"object":"chat.completion","choices":[{"message":{"content":"x"},"finish_reason":null}]}"#))
        #expect(try !storable(#"{"error":{"message":"rate limited"}}"#))
    }
}
