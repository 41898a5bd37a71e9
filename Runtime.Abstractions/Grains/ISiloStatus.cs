namespace MultiAgent.Runtime;

/// <summary>What a silo reports about itself: for health endpoints, dashboards, and grains that want to know where they run.</summary>
public interface ISiloStatus
{
    string SiloName { get; }

    string ClusterId { get; }

    /// <summary><c>host:port@generation</c> when clustered; null for a silo on its own.</summary>
    string? SiloAddress { get; }

    DateTimeOffset StartedAt { get; }

    int ActivationCount { get; }

    /// <summary>Active silos in this silo's view of the cluster (1 when not clustered).</summary>
    int ActiveSilos { get; }

    /// <summary>Activations per grain type.</summary>
    IReadOnlyDictionary<string, int> ActivationsByGrainType();
}
