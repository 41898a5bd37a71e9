using MultiAgent.Runtime;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Tests.Cluster;

public sealed class CrossSiloSmokeTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder { InitialSilosCount = 2 }.Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Grains_spread_over_both_silos_and_every_silo_routes_to_the_owner()
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"probe-{i}-{Guid.NewGuid():N}").ToList();
        var fromFirst = await Task.WhenAll(keys.Select(k => _cluster.Silos[0].GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()));
        var fromSecond = await Task.WhenAll(keys.Select(k => _cluster.Silos[1].GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()));

        Assert.Equal(fromFirst, fromSecond);
        Assert.Equal(2, fromFirst.Distinct().Count());
        Assert.All(keys, k => Assert.Equal(1, _cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(k).ActivationCount().Result));
    }
}
