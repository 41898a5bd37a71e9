using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Placement;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Tests.Cluster;

/// <summary>Looks inside the silos of an in-process cluster: what their catalogs hold right now.</summary>
internal static class ClusterInspection
{
    /// <summary>Activations of <paramref name="grain"/> in the catalogs of all running silos.</summary>
    public static int ActivationsOf(this TestCluster cluster, IAddressable grain)
    {
        var id = grain.GetGrainId();
        return cluster.Silos.Sum(silo => silo.Services.GetRequiredService<Catalog>().Activations.Count(a => a.GrainId == id));
    }

    /// <summary>The silo that owns <paramref name="grain"/> by placement (where its activation will be).</summary>
    public static InProcessSilo PlacementOf(this TestCluster cluster, IAddressable grain)
    {
        var owner = cluster.Primary.Services.GetRequiredService<IGrainPlacement>().GetRemoteOwner(grain.GetGrainId())?.ToString()
            ?? cluster.Primary.SiloAddress;
        return cluster.Silos.Single(s => s.SiloAddress == owner);
    }

    /// <summary>The silos whose catalogs hold <paramref name="grain"/>.</summary>
    public static IReadOnlyList<InProcessSilo> HostsOf(this TestCluster cluster, IAddressable grain)
    {
        var id = grain.GetGrainId();
        return [.. cluster.Silos.Where(silo => silo.Services.GetRequiredService<Catalog>().Activations.Any(a => a.GrainId == id))];
    }
}
