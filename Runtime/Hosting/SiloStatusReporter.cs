using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;

namespace MultiAgent.Runtime.Hosting;

/// <summary>What a silo reports about itself, for health endpoints and dashboards.</summary>
public interface ISiloStatus
{
    string SiloName { get; }

    string ClusterId { get; }

    DateTimeOffset StartedAt { get; }

    int ActivationCount { get; }

    /// <summary>Activations per grain type.</summary>
    IReadOnlyDictionary<string, int> ActivationsByGrainType();
}

internal sealed class SiloStatusReporter(Catalog catalog, IOptions<SiloOptions> options) : ISiloStatus
{
    public string SiloName => options.Value.SiloName;

    public string ClusterId => options.Value.ClusterId;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public int ActivationCount => catalog.Count;

    public IReadOnlyDictionary<string, int> ActivationsByGrainType() =>
        catalog.Activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
