using MultiAgent.Runtime;
using MultiAgent.Tests.Infrastructure;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

[Collection(RuntimeClusterCollection.Name)]
public sealed class ActivationTests(RuntimeClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task First_call_activates_and_DeactivateOnIdle_runs_the_deactivation_hook()
    {
        var key = $"life-{Guid.NewGuid():N}";
        var grain = Grains.GetGrain<ILifecycleGrain>(key);

        Assert.Empty(Probe.Events(key));
        Assert.Equal($"pong from lifecycle/{key}", await grain.Ping());
        Assert.Equal(["activate"], Probe.Events(key));

        await grain.DeactivateSoon();
        await Eventually.AssertAsync(() => Probe.Events(key).Count == 2, TimeSpan.FromSeconds(10), "the grain should deactivate after the request");
        Assert.Equal("deactivate:ApplicationRequested", Probe.Events(key)[1]);

        // The next call makes a new activation.
        Assert.Equal(2, await grain.ActivationNumber());
        Assert.Equal(["activate", "deactivate:ApplicationRequested", "activate"], Probe.Events(key));
    }

    [Fact]
    public async Task Concurrent_first_calls_make_exactly_one_activation()
    {
        var key = $"single-{Guid.NewGuid():N}";
        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(() => Grains.GetGrain<ILifecycleGrain>(key).ActivationNumber()));

        var numbers = await Task.WhenAll(calls);

        Assert.All(numbers, n => Assert.Equal(1, n));
        Assert.Equal(1, Probe.Count(key, "activate"));
    }

    [Fact]
    public async Task A_failed_activation_reaches_the_caller_and_the_next_call_activates_again()
    {
        var key = $"fail-{Guid.NewGuid():N}";
        var grain = Grains.GetGrain<IFailingActivationGrain>(key);

        var error = await Assert.ThrowsAsync<GrainCallException>(grain.Ping);
        Assert.Contains($"failingactivation/{key}", error.Message);
        Assert.Contains("first activation refused", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);

        Assert.Equal("ok", await grain.Ping());
    }

    [Fact]
    public async Task Grain_keys_of_every_kind_address_distinct_grains()
    {
        var guid = Guid.NewGuid();
        Assert.Equal(7, await Grains.GetGrain<ISlowGrain>(guid).Echo(7));
        Assert.Equal(42, await Grains.GetGrain<IThrowingGrain>(-5).Healthy());
        Assert.Equal(guid, Grains.GetGrain<ISlowGrain>(guid).GetPrimaryKey());
        Assert.Equal(-5, Grains.GetGrain<IThrowingGrain>(-5).GetPrimaryKeyLong());
        Assert.Equal(Grains.GetGrain<ISlowGrain>(guid), Grains.GetGrain<ISlowGrain>(guid));
    }
}
