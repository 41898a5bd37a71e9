using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Testing;

/// <summary>Builds a <see cref="TestCluster"/>: silos hosted in this process, each with its own host and services.</summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<ISiloBuilder>> _siloConfigurators = [];
    private readonly Dictionary<string, string?> _configuration = new(StringComparer.OrdinalIgnoreCase);

    public int InitialSilosCount { get; set; } = 1;

    /// <summary>Unique per cluster so tests sharing a Redis server do not see each other's state.</summary>
    public string ClusterId { get; set; } = $"test-{Guid.NewGuid():N}";

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// Silos join one cluster (a shared in-memory membership table, TCP on free loopback ports, hash
    /// placement). On by default when there is more than one silo.
    /// </summary>
    public bool? Clustered { get; set; }

    /// <summary>Applied to every silo, e.g. to add storage providers.</summary>
    public TestClusterBuilder AddSiloConfigurator(Action<ISiloBuilder> configure)
    {
        _siloConfigurators.Add(configure);
        return this;
    }

    /// <summary>A configuration value for every silo, e.g. <c>("MultiAgent:GrainCollection:CollectionAge", "00:00:01")</c>.</summary>
    public TestClusterBuilder AddConfiguration(string key, string? value)
    {
        _configuration[key] = value;
        return this;
    }

    public TestCluster Build()
    {
        if (InitialSilosCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialSilosCount), InitialSilosCount, "A test cluster needs at least one silo.");
        }

        var configuration = new Dictionary<string, string?>(_configuration, StringComparer.OrdinalIgnoreCase)
        {
            [$"{ConfigurationKeys.Silo}:ClusterId"] = ClusterId,
        };
        var clustered = Clustered ?? InitialSilosCount > 1;
        if (clustered)
        {
            // Free ports, and failure detection fast enough for tests; AddConfiguration may override.
            configuration.TryAdd($"{Messaging.EndpointOptions.SectionName}:SiloPort", "0");
            configuration.TryAdd($"{Messaging.EndpointOptions.SectionName}:GatewayPort", "0");
            configuration.TryAdd($"{Membership.MembershipOptions.SectionName}:HeartbeatInterval", "00:00:00.200");
            configuration.TryAdd($"{Membership.MembershipOptions.SectionName}:TableRefreshInterval", "00:00:00.200");
            configuration.TryAdd($"{Membership.MembershipOptions.SectionName}:DeathTimeout", "00:00:01.500");
        }

        return new TestCluster(InitialSilosCount, configuration, [.. _siloConfigurators], MinimumLogLevel, clustered ? new Membership.InMemoryMembershipTable() : null);
    }
}
