import Foundation

/// The assistant's text in a chat completion stream: every `delta.content` of choice 0, joined.
func streamedContent(_ sse: String) -> String {
    sse.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("data: "), line != "data: [DONE]",
            let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any],
            let choice = (object["choices"] as? [[String: Any]])?.first,
            let delta = choice["delta"] as? [String: Any]
        else { return nil }
        return delta["content"] as? String
    }.joined()
}
