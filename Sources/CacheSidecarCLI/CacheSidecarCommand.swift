import ArgumentParser

/// `cache-sidecar`: serves by default; `embed` prints embeddings, `explain` why two prompts match or not.
@main
struct CacheSidecarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-sidecar",
        abstract: "A semantic caching sidecar for OpenAI-compatible LLM APIs.",
        subcommands: [ServeCommand.self, EmbedCommand.self, ExplainCommand.self],
        defaultSubcommand: ServeCommand.self)
}
