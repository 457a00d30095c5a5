import HTTPTypes
import Testing
@testable import CacheSidecar

@Suite("Cache keys and tenant scope")
struct CacheKeysTests {
    private func keys(_ body: String, scope: TenantScope = .shared, path: String = "/v1/chat/completions") throws -> CacheKeys {
        CacheKeys(scope: scope, path: path, request: try CompletionRequest.parse(Array(body.utf8)))
    }

    private let base = #"{"model":"gpt-4.1","temperature":0,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Redis?"}]}"#

    @Test func keyOrderAndWhitespaceDoNotMatter() throws {
        let reordered = """
            {  "messages" : [ {"content":"Be brief.","role":"system"},
               {"content":"What is Redis?", "role":"user"} ],
               "temperature": 0.0, "model": "gpt-4.1" }
            """
        #expect(try keys(base) == (try keys(reordered)))
    }

    @Test func fieldsThatDoNotChangeTheAnswerAreIgnored() throws {
        let extra = #"{"model":"gpt-4.1","temperature":0,"stream":true,"stream_options":{"include_usage":true},"user":"u-1","metadata":{"a":"b"},"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Redis?"}]}"#
        #expect(try keys(base).exact == (try keys(extra)).exact)
    }

    @Test func everythingElseChangesTheExactKey() throws {
        let variants = [
            #"{"model":"gpt-4o","temperature":0,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Redis?"}]}"#,
            #"{"model":"gpt-4.1","temperature":1,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Redis?"}]}"#,
            #"{"model":"gpt-4.1","temperature":0,"messages":[{"role":"system","content":"Be long."},{"role":"user","content":"What is Redis?"}]}"#,
            #"{"model":"gpt-4.1","temperature":0,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Valkey?"}]}"#,
            #"{"model":"gpt-4.1","temperature":0,"seed":7,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Redis?"}]}"#,
        ]
        let exact = try keys(base).exact
        for variant in variants { #expect(try keys(variant).exact != exact) }
        #expect(try keys(base, path: "/v1/other").exact != exact)
        #expect(try keys(base, scope: TenantScope(id: "t1")).exact != exact)
    }

    @Test func contextKeyIgnoresOnlyTheLastUserMessageText() throws {
        let paraphrase = #"{"model":"gpt-4.1","temperature":0,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Explain Redis"}]}"#
        let otherSystem = #"{"model":"gpt-4.1","temperature":0,"messages":[{"role":"system","content":"Be long."},{"role":"user","content":"What is Redis?"}]}"#
        let a = try keys(base), b = try keys(paraphrase), c = try keys(otherSystem)
        #expect(a.context != nil)
        #expect(a.context == b.context)
        #expect(a.exact != b.exact)
        #expect(a.context != c.context)
    }

    @Test func noContextKeyWithoutATextOnlyLastUserMessage() throws {
        let tool = #"{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"42","tool_call_id":"x"}]}"#
        let image = #"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what is this"},{"type":"image_url","image_url":{"url":"http://x"}}]}]}"#
        #expect(try keys(tool).context == nil)
        #expect(try keys(image).context == nil)
    }

    @Test func tenantsAreSeparatedByCredentialsAndNeverStoreThem() {
        let a: HTTPFields = [.authorization: "Bearer sk-one"]
        let b: HTTPFields = [.authorization: "Bearer sk-two"]
        let scopeA = TenantScope.of(a, mode: .perCredential)
        #expect(scopeA == TenantScope.of(a, mode: .perCredential))
        #expect(scopeA != TenantScope.of(b, mode: .perCredential))
        #expect(!scopeA.id.contains("sk-one"))
        #expect(TenantScope.of(a, mode: .shared) == TenantScope.of(b, mode: .shared))
        #expect(TenantScope.of([:], mode: .perCredential).id == "anonymous")
    }
}
