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
        #expect(dom.contains(#"<tr data-model="gpt-4.1"><td>gpt-4.1</td><td>3</td><td>2</td><td>0</td><td>1</td>"#))
        #expect(dom.contains(#"<tr data-model="gpt-4o"><td>gpt-4o</td><td>2</td><td>0</td><td>0</td><td>2</td>"#))
        #expect(dom.contains("66.7%"))
        #expect(elementText(id: "status", in: dom)?.hasPrefix("updated ") == true)
        // The chart has points once the page has polled.
        #expect(dom.range(of: #"id="line-total"[^>]*points="[0-9.]+,[0-9.]+"#, options: .regularExpression) != nil)

        if let path = ProcessInfo.processInfo.environment["DASHBOARD_SCREENSHOT"] {
            try await HeadlessChromium.screenshot(url, to: path)
        }
    }
}
