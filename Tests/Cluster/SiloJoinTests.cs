using MultiAgent.Runtime;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Cluster;

/// <summary>A silo that joins takes its share of the grains, and the cluster settles back to one activation per grain.</summary>
public sealed class SiloJoinTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder { InitialSilosCount = 2 }.Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_joining_silo_takes_some_grains_and_the_cluster_converges_to_one_activation_per_grain()
    {
        var grains = Enumerable.Range(0, 60).Select(i => _cluster.GrainFactory.GetGrain<IPlacementProbeGrain>($"join-{i}-{Guid.NewGuid():N}")).ToList();
        var before = await Task.WhenAll(grains.Select(g => g.SiloName()));

        var joined = await _cluster.StartSiloAsync();

        // Every silo agrees where each grain lives now, and some live on the newcomer.
        var after = await Task.WhenAll(_cluster.Silos.Select(silo =>
            Task.WhenAll(grains.Select(g => silo.GrainFactory.GetGrain<IPlacementProbeGrain>(g.GetPrimaryKeyString()).SiloName()))));
        Assert.All(after, fromSilo => Assert.Equal(after[0], fromSilo));
        Assert.Contains(joined.Name, after[0]);

        // Only grains that moved to the newcomer changed silo.
        Assert.All(before.Zip(after[0]), pair => Assert.True(pair.First == pair.Second || pair.Second == joined.Name, $"{pair.First} → {pair.Second}"));

        // The old activations of moved grains are deactivated: one activation per grain, on its owner.
        await Eventually.AssertAsync(
            () => grains.All(g => _cluster.ActivationsOf(g) == 1),
            TimeSpan.FromSeconds(10),
            "every grain has exactly one activation in the cluster");
        Assert.All(grains.Zip(after[0]), pair => Assert.Equal([pair.Second], _cluster.HostsOf(pair.First).Select(s => s.Name)));
    }
}
