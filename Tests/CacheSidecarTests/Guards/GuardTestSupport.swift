@testable import CacheSidecar

/// Runs one rule on two prompts, as the guard would.
func check(_ rule: some GuardRule, _ a: String, _ b: String) -> GuardRefusal? {
    rule.check(PromptFeatures(a), PromptFeatures(b))
}

/// Both orders: rules must not care which prompt was cached.
func refusesBothWays(_ rule: some GuardRule, _ a: String, _ b: String) -> Bool {
    check(rule, a, b) != nil && check(rule, b, a) != nil
}

func passesBothWays(_ rule: some GuardRule, _ a: String, _ b: String) -> Bool {
    check(rule, a, b) == nil && check(rule, b, a) == nil
}
