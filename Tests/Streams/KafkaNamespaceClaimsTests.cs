using MultiAgent.Runtime.Streams.Kafka;

namespace MultiAgent.Tests.Streams;

/// <summary>Which of a silo's Kafka providers consumes which namespace: never two of them the same one.</summary>
public sealed class KafkaNamespaceClaimsTests
{
    private static readonly string[] Implicit = ["orders", "task-completions", "kprobe"];

    [Fact]
    public void A_single_provider_consumes_every_implicit_namespace_and_those_it_lists()
    {
        var claims = Claims("fleet");
        var options = new Dictionary<string, KafkaStreamOptions> { ["fleet"] = new() { Namespaces = ["explicit-only"] } };

        var consumed = claims.NamespacesOf("fleet", Implicit, p => options[p]);

        Assert.Equal(["explicit-only", "orders", "task-completions", "kprobe"], consumed);
    }

    [Fact]
    public void A_namespace_claimed_by_a_later_provider_is_consumed_by_it_alone()
    {
        var claims = Claims("fleet", "probes");
        var options = new Dictionary<string, KafkaStreamOptions>
        {
            ["fleet"] = new() { Topics = { ["orders"] = "orders" } },
            ["probes"] = new() { Topics = { ["kprobe"] = "probe-topic", ["not-implicit"] = "mapped-for-producing" } },
        };

        var fleet = claims.NamespacesOf("fleet", Implicit, p => options[p]);
        var probes = claims.NamespacesOf("probes", Implicit, p => options[p]);

        Assert.Equal(["orders", "task-completions"], fleet); // its claim, then the unclaimed implicit one
        Assert.Equal(["kprobe"], probes); // a mapping of a namespace nobody subscribes to implicitly is not a claim
    }

    [Fact]
    public void Two_providers_claiming_one_namespace_is_an_error_naming_both()
    {
        var claims = Claims("a", "b");
        var options = new Dictionary<string, KafkaStreamOptions>
        {
            ["a"] = new() { Topics = { ["kprobe"] = "t" } },
            ["b"] = new() { Namespaces = ["kprobe"] },
        };

        var error = Assert.Throws<InvalidOperationException>(() => claims.NamespacesOf("a", Implicit, p => options[p]));

        Assert.Contains("stream namespace 'kprobe' is claimed by Kafka providers 'a' and 'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("MultiAgent:Streams:", error.Message, StringComparison.Ordinal);
    }

    private static KafkaNamespaceClaims Claims(params string[] providers)
    {
        var claims = new KafkaNamespaceClaims();
        foreach (var provider in providers)
        {
            claims.Add(provider);
        }

        return claims;
    }
}
