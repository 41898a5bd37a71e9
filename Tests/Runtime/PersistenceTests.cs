using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

/// <summary>Grain state through a storage provider named "store", run once per provider.</summary>
public abstract class PersistenceTests : IAsyncLifetime
{
    private readonly List<TestCluster> _clusters = [];

    protected abstract void AddStore(ISiloBuilder silo);

    protected async Task<TestCluster> StartClusterAsync()
    {
        var cluster = new TestClusterBuilder().AddSiloConfigurator(AddStore).Build();
        _clusters.Add(cluster);
        await cluster.DeployAsync();
        return cluster;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task State_is_loaded_before_the_first_turn_and_survives_deactivation()
    {
        var cluster = await StartClusterAsync();
        var key = Guid.NewGuid().ToString("N");
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>(key);

        Assert.False(await counter.RecordExists());
        Assert.Null(await counter.Etag());
        await counter.Increment("a");
        await counter.Increment("b");
        var etag = await counter.Etag();

        await DeactivateAsync(cluster, counter);

        var reloaded = await counter.Get();
        Assert.Equal(2, reloaded.Count);
        Assert.Equal(["a", "b"], reloaded.History);
        Assert.True(await counter.RecordExists());
        Assert.Equal(etag, await counter.Etag());
    }

    [Fact]
    public async Task State_is_written_only_when_the_grain_says_so()
    {
        var cluster = await StartClusterAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));
        await counter.Increment("saved");
        await counter.IncrementUnsaved(); // persisted only by OnDeactivateAsync

        var etagBefore = await counter.Etag();
        Assert.Equal(2, (await counter.Get()).Count);
        Assert.Equal(etagBefore, await counter.Etag());

        await DeactivateAsync(cluster, counter);
        Assert.Equal(2, (await counter.Get()).Count);
        Assert.NotEqual(etagBefore, await counter.Etag());
    }

    [Fact]
    public async Task Cleared_state_reads_as_new_after_reactivation()
    {
        var cluster = await StartClusterAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));
        await counter.Increment("x");

        await counter.Clear();
        await DeactivateAsync(cluster, counter);

        Assert.Equal(0, (await counter.Get()).Count);
        Assert.False(await counter.RecordExists());
    }

    [Fact]
    public async Task A_write_that_finds_newer_state_deactivates_the_activation_and_the_next_call_starts_from_it()
    {
        var cluster = await StartClusterAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));
        await counter.Increment("a");

        // Another writer (a duplicate activation, say) stores a newer version behind this activation's back.
        var storage = cluster.ServiceProvider.GetRequiredKeyedService<MultiAgent.Runtime.Storage.IGrainStorage>("store");
        var grainId = ((MultiAgent.Runtime.Invocation.GrainReference)counter).GrainId;
        var stored = new MultiAgent.Runtime.Storage.GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grainId, stored, CancellationToken.None);
        stored.State.Count = 10;
        stored.State.History.Add("elsewhere");
        await storage.WriteStateAsync("counter", grainId, stored, CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => counter.Increment("stale"));
        Assert.Contains(nameof(InconsistentStateException), error.ToString());

        Assert.Equal(11, await counter.Increment("b")); // a new activation, from the stored version
        Assert.Equal(["a", "elsewhere", "b"], (await counter.Get()).History);
    }

    protected static async Task DeactivateAsync(TestCluster cluster, ICounterGrain counter)
    {
        var before = cluster.Primary.ActivationCount;
        await counter.DeactivateSoon();
        await Eventually.AssertAsync(() => cluster.Primary.ActivationCount < before, TimeSpan.FromSeconds(10), "the counter should deactivate");
    }
}

public sealed class MemoryPersistenceTests : PersistenceTests
{
    protected override void AddStore(ISiloBuilder silo) => silo.AddMemoryGrainStorage("store");
}

[Collection("redis")]
public sealed class RedisPersistenceTests(RedisServer redis) : PersistenceTests
{
    private readonly string _serviceId = $"test-{Guid.NewGuid():N}";

    protected override void AddStore(ISiloBuilder silo) => silo.AddRedisGrainStorage("store", o =>
    {
        o.ConnectionString = redis.ConnectionString;
        o.ServiceId = _serviceId;
    });

    [Fact]
    public async Task A_conflicting_write_from_a_second_activation_throws_and_leaves_stored_state_intact()
    {
        // Two silos that do not know each other: the stale/duplicate activation case.
        var first = await StartClusterAsync();
        var second = await StartClusterAsync();
        var key = Guid.NewGuid().ToString("N");
        var viaFirst = first.GrainFactory.GetGrain<ICounterGrain>(key);
        var viaSecond = second.GrainFactory.GetGrain<ICounterGrain>(key);
        await viaFirst.Get();
        await viaSecond.Get(); // both have read the same (empty) version

        Assert.Equal(1, await viaFirst.Increment("from first"));
        var error = await Assert.ThrowsAsync<GrainCallException>(() => viaSecond.Increment("from second"));

        Assert.IsType<InconsistentStateException>(error.InnerException);
        var fresh = (await StartClusterAsync()).GrainFactory.GetGrain<ICounterGrain>(key);
        var stored = await fresh.Get();
        Assert.Equal(1, stored.Count);
        Assert.Equal(["from first"], stored.History);
    }

    [Fact]
    public async Task Graceful_shutdown_persists_what_grains_write_on_deactivation()
    {
        var cluster = await StartClusterAsync();
        var key = Guid.NewGuid().ToString("N");
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.IncrementUnsaved();
        await counter.IncrementUnsaved();

        await cluster.StopAllSilosAsync();

        var restarted = await StartClusterAsync();
        Assert.Equal(2, (await restarted.GrainFactory.GetGrain<ICounterGrain>(key).Get()).Count);
    }
}
