import Testing

@testable import CacheSidecar

@Suite struct ScopeRuleTests {
    let rule = ScopeRule()

    @Test(arguments: [
        ("How do I stop all running Docker containers?", "How do I stop a running Docker container?"),
        ("How do I list all pods in every namespace with kubectl?", "How do I list all pods in a Kubernetes namespace?"),
        ("kubectl delete pods across all namespaces", "How do I delete all pods in a namespace?"),
        ("Write a regex to pull out every email address from a block of text.", "Write a regex to check that a field is an email address."),
        ("Does my child need a consent letter to travel abroad with both parents?", "Does my child need a consent letter to travel abroad with only one parent?"),
        // A plural and its singular are one thing ("listings" / "listing"); "some" is a part of all.
        ("How do I change the processing time on one Etsy listing?", "How do I change the processing time on all my Etsy listings at once?"),
        ("How do I run a 20% off sale on only some of my Etsy listings?", "How do I run a 20% off sale on all my Etsy listings?"),
    ])
    func allAgainstOneIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("How do I stop all running Docker containers?", "stop every running docker container"),
        ("What are all the symptoms of a cold?", "What are the symptoms of a cold?"),
        // "Each" asks what one costs.
        ("How much does each ticket cost?", "How much does a ticket cost?"),
        ("How do I stop a running container?", "stop one running docker container"),
        // "Both … and …" joins two things: no scope.
        ("How do I center a div horizontally with CSS?", "How do I center a div both horizontally and vertically with CSS?"),
    ])
    func theSameScopeOrNonePasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theDefaultGuardRunsTheRule() {
        let refusal = LookalikeGuard().refusal(cached: "How do I stop a running Docker container?", incoming: "How do I stop all running Docker containers?")
        #expect(refusal?.rule == "scope")
    }
}
