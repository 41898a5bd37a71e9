using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Placement;

namespace MultiAgent.Runtime.Hosting;

internal sealed class SiloStatusReporter(Catalog catalog, IOptions<SiloOptions> options, IServiceProvider services) : ISiloStatus
{
    private readonly Lazy<LocalSiloDetails?> _local = new(services.GetService<LocalSiloDetails>);
    private readonly Lazy<HashRingPlacement?> _placement = new(services.GetService<HashRingPlacement>);

    public string SiloName => options.Value.SiloName;

    public string ClusterId => options.Value.ClusterId;

    public string? SiloAddress => _local.Value?.SiloAddress.ToString();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public int ActivationCount => catalog.Count;

    public int ActiveSilos => _placement.Value?.Silos.Count ?? 1;

    public IReadOnlyDictionary<string, int> ActivationsByGrainType() =>
        catalog.Activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
