import ArgumentParser

/// `cache-sidecar`: serves by default; `cache-sidecar embed TEXT...` prints embeddings.
@main
struct CacheSidecarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-sidecar",
        abstract: "A semantic caching sidecar for OpenAI-compatible LLM APIs.",
        subcommands: [ServeCommand.self, EmbedCommand.self],
        defaultSubcommand: ServeCommand.self)
}
