using MultiAgent.Runtime.Testing;

namespace MultiAgent.Tests.Cluster;

/// <summary>Three silos in this process: every silo reaches every grain, and a grain lives on exactly one silo.</summary>
public sealed class CrossSiloRoutingTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder { InitialSilosCount = 3 }.Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Any_silo_reaches_any_grain_and_grains_spread_over_all_silos()
    {
        var keys = Enumerable.Range(0, 60).Select(i => $"route-{i}-{Guid.NewGuid():N}").ToList();

        var answers = await Task.WhenAll(_cluster.Silos.Select(silo =>
            Task.WhenAll(keys.Select(k => silo.GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()))));

        Assert.All(answers, fromSilo => Assert.Equal(answers[0], fromSilo));
        Assert.Equal(_cluster.Silos.Select(s => s.Name).Order(), answers[0].Distinct().Order());
        foreach (var (key, host) in keys.Zip(answers[0]))
        {
            var grain = _cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(key);
            Assert.Equal([host], _cluster.HostsOf(grain).Select(s => s.Name));
        }
    }

    [Fact]
    public async Task A_grain_calls_a_grain_on_another_silo_and_references_work_wherever_they_arrive()
    {
        var keys = Enumerable.Range(0, 30).Select(i => $"pair-{i}-{Guid.NewGuid():N}").ToList();
        var hosts = await Task.WhenAll(keys.Select(k => _cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()));
        var callerKey = keys[0];
        var calleeKey = keys.Zip(hosts).First(p => p.Second != hosts[0]).First;

        // The callee reference is created on the third silo, travels to the caller's silo and is called from there.
        var callee = _cluster.Silos[2].GrainFactory.GetGrain<IPlacementProbeGrain>(calleeKey);
        var caller = _cluster.Silos[2].GrainFactory.GetGrain<IPlacementProbeGrain>(callerKey);

        Assert.Equal(await callee.SiloName(), await caller.SiloNameOf(callee));
        Assert.NotEqual(await caller.SiloName(), await callee.SiloName());
    }

    [Fact]
    public async Task Concurrent_first_calls_from_every_silo_create_exactly_one_activation_per_grain()
    {
        var keys = Enumerable.Range(0, 100).Select(i => $"race-{i}-{Guid.NewGuid():N}").ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Every silo calls every grain, three times, all at once: the first calls race each other.
        var calls = _cluster.Silos.SelectMany(silo => keys.SelectMany(key => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await silo.GrainFactory.GetGrain<IPlacementProbeGrain>(key).SiloName();
        })))).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(_cluster.Silos.Count, answers.Distinct().Count());
        foreach (var key in keys)
        {
            var grain = _cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(key);
            Assert.Equal(1, await grain.ActivationCount()); // activated once, ever
            Assert.Equal(1, _cluster.ActivationsOf(grain)); // and alive on one silo
        }
    }
}
