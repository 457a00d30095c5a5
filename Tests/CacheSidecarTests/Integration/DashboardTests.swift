import Foundation
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// `/dashboard` rendered by a real browser, against the figures `/stats` gives.
@Suite("Dashboard in headless Chromium", .enabled(if: HeadlessChromium.executable != nil, "chromium is not installed"))
struct DashboardTests {
    @Test func showsTheFiguresOfStats() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        _ = try await sidecar.complete(prompt)                                   // miss
        _ = try await sidecar.complete(prompt)                                   // hit
        _ = try await sidecar.complete(prompt)                                   // hit
        _ = try await sidecar.complete(uniquePrompt(), model: "gpt-4o")          // miss
        _ = try await sidecar.complete(uniquePrompt(), model: "gpt-4o")          // miss
        let stats = try await sidecar.getJSON("/stats")
        #expect(stats["total"]?["requests"]?.integerValue == 5)
        #expect(stats["total"]?["hit_rate"]?.doubleValue == 0.4)

        let page = try await sidecar.send(.GET, path: "/dashboard", headers: [])
        #expect(page.headers.first(name: "content-type") == "text/html; charset=utf-8")
        for reference in ["<link", " src=", "url(", "@import", "@font-face"] {
            #expect(!page.text.contains(reference), "the page loads nothing from elsewhere: \(reference)")
        }

        let url = "http://127.0.0.1:\(sidecar.port)/dashboard"
        let dom = try await HeadlessChromium.dumpDOM(url)
        #expect(elementText(id: "requests", in: dom) == "5")
        #expect(elementText(id: "hit-rate", in: dom) == "40.0%")
        #expect(elementText(id: "hits", in: dom) == "2 / 0")
        #expect(elementText(id: "calls-avoided", in: dom) == "2")
        let tokens = try #require(stats["total"]?["tokens_saved"]?["total"]?.integerValue)
        #expect(elementText(id: "tokens-saved", in: dom) == String(tokens))
        #expect(elementText(id: "refusals", in: dom) == "0 / 0")
        #expect(elementText(id: "alignment-skipped", in: dom) == "0")
        // requests, exact hits, semantic hits, guard refusals, alignment refusals, alignment skipped, misses
        #expect(dom.contains(#"<tr data-model="gpt-4.1"><td>gpt-4.1</td><td>3</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>"#))
        #expect(dom.contains(#"<tr data-model="gpt-4o"><td>gpt-4o</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td>"#))
        #expect(dom.contains("66.7%"))
        #expect(elementText(id: "status", in: dom)?.hasPrefix("updated ") == true)
        // The chart has points once the page has polled.
        #expect(dom.range(of: #"id="line-total"[^>]*points="[0-9.]+,[0-9.]+"#, options: .regularExpression) != nil)

        if let path = ProcessInfo.processInfo.environment["DASHBOARD_SCREENSHOT"] {
            try await HeadlessChromium.screenshot(url, to: path)
        }
    }

    /// The semantic refusals of `/stats`, by stage, next to the semantic hits: in total and per model.
    @Test func showsTheSemanticRefusals() async throws {
        let sidecar = try await SidecarHarness.start { $0.semanticEnabled = true }
        defer { Task { await sidecar.stop() } }
        // A look-alike the guards refuse (negation), and a pair only the alignment stage refuses
        // (SemanticCacheTests has both kinds), then a paraphrase that hits.
        for (stored, asked) in [
            ("How do I enable dark mode in Chrome?", "How do I disable dark mode in Chrome?"),
            SemanticCacheTests.alignmentRefusals[0],
            ("How do I reset my password?", "How can I reset my password?"),
        ] {
            let apiKey = "sk-\(UUID().uuidString)"
            _ = try await sidecar.complete(stored, apiKey: apiKey)
            _ = try await sidecar.complete(asked, apiKey: apiKey)
        }
        let total = try await sidecar.getJSON("/stats")["total"]
        #expect(total?["guard_refusals"]?.integerValue == 1)
        #expect(total?["alignment_refusals"]?.integerValue == 1)
        #expect(total?["semantic_hits"]?.integerValue == 1)

        let dom = try await HeadlessChromium.dumpDOM("http://127.0.0.1:\(sidecar.port)/dashboard")
        #expect(elementText(id: "hits", in: dom) == "0 / 1")
        #expect(elementText(id: "refusals", in: dom) == "1 / 1")
        #expect(elementText(id: "alignment-skipped", in: dom) == "0")
        #expect(dom.contains(#"<tr data-model="gpt-4.1"><td>gpt-4.1</td><td>6</td><td>0</td><td>1</td><td>1</td><td>1</td><td>0</td><td>5</td>"#))
    }
}
