using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

public sealed class CollectionTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder()
        .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionAge", "00:00:00.500")
        .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionQuantum", "00:00:00.100")
        .AddSiloConfigurator(silo => silo.AddMemoryGrainStorage("store"))
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Idle_activations_are_collected_and_told_why()
    {
        var keys = Enumerable.Range(0, 50).Select(i => $"idle-{i}-{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(keys.Select(k => _cluster.GrainFactory.GetGrain<ILifecycleGrain>(k).Ping()));
        Assert.True(_cluster.Primary.ActivationCount >= 50);

        await Eventually.AssertAsync(() => _cluster.Primary.ActivationCount == 0, TimeSpan.FromSeconds(10), "idle activations should be collected");

        Assert.All(keys, k => Assert.Equal(["activate", "deactivate:ActivationIdle"], Probe.Events(k)));
    }

    [Fact]
    public async Task A_grain_in_use_is_not_collected()
    {
        var key = $"busy-{Guid.NewGuid():N}";
        var grain = _cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);

        // Called every 100 ms for three collection ages: always the first activation.
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(1, await grain.ActivationNumber());
            await Task.Delay(100);
        }

        Assert.Equal(0, Probe.Count(key, "deactivate:ActivationIdle"));
    }
}
