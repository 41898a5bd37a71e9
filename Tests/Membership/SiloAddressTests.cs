using MultiAgent.Runtime.Membership;

namespace MultiAgent.Tests.Membership;

public sealed class SiloAddressTests
{
    [Theory]
    [InlineData("10.0.0.5", 11111, 12345, "10.0.0.5:11111@12345")]
    [InlineData("Silo-A.Local", 1, 0, "silo-a.local:1@0")]
    [InlineData("::1", 30000, 7, "[::1]:30000@7")]
    public void The_string_form_is_host_port_at_generation_and_parses_back(string host, int port, int generation, string text)
    {
        var address = new SiloAddress(host, port, generation);

        Assert.Equal(text, address.ToString());
        Assert.Equal(address, SiloAddress.Parse(text));
        Assert.Equal(address.GetHashCode(), SiloAddress.Parse(text).GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.5:11111")]
    [InlineData("10.0.0.5@3")]
    [InlineData(":11111@3")]
    [InlineData("10.0.0.5:0@3")]
    [InlineData("10.0.0.5:70000@3")]
    [InlineData("10.0.0.5:11111@-3")]
    [InlineData("10.0.0.5:11111@x")]
    [InlineData("::1:11111@3")]
    [InlineData("a b:11111@3")]
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(SiloAddress.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => SiloAddress.Parse(text));
        Assert.Contains("host:port@generation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_endpoint_with_another_generation_is_another_silo()
    {
        var first = new SiloAddress("10.0.0.5", 11111, 100);
        var restarted = new SiloAddress("10.0.0.5", 11111, 101);

        Assert.NotEqual(first, restarted);
        Assert.True(first != restarted);
        Assert.True(first.IsSameEndpoint(restarted));
        Assert.Equal(first.Endpoint, restarted.Endpoint);
        Assert.Equal(first, new SiloAddress("10.0.0.5", 11111, 100));
    }

    [Fact]
    public void Generations_count_seconds_since_2024_and_grow_within_a_process()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var expected = (int)(clock.GetUtcNow() - SiloAddress.GenerationEpoch).TotalSeconds;

        var generations = Enumerable.Range(0, 5).Select(_ => SiloAddress.NextGeneration(clock)).ToList();

        Assert.True(generations[0] >= expected);
        Assert.Equal(generations.Order(), generations);
        Assert.Equal(generations.Count, generations.Distinct().Count());
    }

    [Fact]
    public void An_entry_names_its_gateway_endpoint_only_when_it_has_one()
    {
        var silo = new SiloAddress("10.0.0.5", 11111, 1);

        var withGateway = MembershipTestData.Entry(silo) with { GatewayPort = 30000 };
        var withoutGateway = MembershipTestData.Entry(silo) with { GatewayPort = 0 };

        Assert.Equal("10.0.0.5:30000", withGateway.GatewayEndpoint);
        Assert.Null(withoutGateway.GatewayEndpoint);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
