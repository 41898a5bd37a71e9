using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Membership;

namespace MultiAgent.Runtime.Hosting;

/// <summary>What a silo reports about itself, for health endpoints and dashboards.</summary>
public interface ISiloStatus
{
    string SiloName { get; }

    string ClusterId { get; }

    DateTimeOffset StartedAt { get; }

    int ActivationCount { get; }

    /// <summary>The silo's place in its cluster; null when it runs alone (not clustered).</summary>
    SiloMembershipStatus? Membership { get; }

    /// <summary>Activations per grain type.</summary>
    IReadOnlyDictionary<string, int> ActivationsByGrainType();
}

/// <summary>A clustered silo as its membership service sees it now.</summary>
/// <param name="SiloAddress">This incarnation's address, <c>host:port@generation</c>.</param>
/// <param name="GatewayPort">The client gateway's port; 0 when the silo takes no clients.</param>
/// <param name="Status">Its own status in the membership table.</param>
/// <param name="ActiveSilos">Active silos in its current membership view (itself included when active).</param>
/// <param name="DeclaredDead">True once the cluster declared it dead: it is stopping and must not serve.</param>
public sealed record SiloMembershipStatus(string SiloAddress, int GatewayPort, SiloStatus Status, int ActiveSilos, bool DeclaredDead);

internal sealed class SiloStatusReporter(Catalog catalog, IOptions<SiloOptions> options, IServiceProvider services) : ISiloStatus
{
    // Resolved on first use: a clustered silo's membership service exists only once its listeners are bound.
    private readonly Lazy<MembershipService?> _membership = new(services.GetService<MembershipService>);

    public string SiloName => options.Value.SiloName;

    public string ClusterId => options.Value.ClusterId;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public int ActivationCount => catalog.Count;

    public SiloMembershipStatus? Membership => _membership.Value is { } membership
        ? new SiloMembershipStatus(
            membership.SiloAddress.ToString(),
            services.GetRequiredService<LocalSiloDetails>().GatewayPort,
            membership.Status,
            membership.ActiveSilos.Count,
            membership.IsDeclaredDead)
        : null;

    public IReadOnlyDictionary<string, int> ActivationsByGrainType() =>
        catalog.Activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
