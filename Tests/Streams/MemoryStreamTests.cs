using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Streams;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Streams;

public sealed class MemoryStreamTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder()
        .AddSiloConfigurator(silo => silo.AddMemoryStreams("mem"))
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IStreamProvider Provider => _cluster.ServiceProvider.GetRequiredService<IStreamProviderResolver>().GetStreamProvider("mem");

    [Fact]
    public async Task An_implicit_subscriber_gets_every_event_of_its_key_in_order_as_turns()
    {
        var key = Guid.NewGuid().ToString("N");
        var stream = Provider.GetStream<ProbeEvent>(StreamId.Create("probe", key));
        var sink = _cluster.GrainFactory.GetGrain<IStreamSinkGrain>(key);

        var work = Enumerable.Range(0, 5).Select(_ => sink.Work(5)).ToList();
        for (var i = 0; i < 500; i++)
        {
            await stream.OnNextAsync(new ProbeEvent(i, $"e{i}"));
        }

        await Task.WhenAll(work);
        Assert.Equal(Enumerable.Range(0, 500), await sink.Received());
        Assert.Equal(1, await sink.MaxOverlap());
    }

    [Fact]
    public async Task A_batch_observer_subscribed_explicitly_gets_a_produced_batch_as_one_list()
    {
        var streamKey = Guid.NewGuid().ToString("N");
        var stream = Provider.GetStream<ProbeEvent>(StreamId.Create("topic", streamKey));
        var subscriber = _cluster.GrainFactory.GetGrain<IStreamBatchSubscriberGrain>(Guid.NewGuid().ToString("N"));
        await subscriber.Subscribe(streamKey);

        await stream.OnNextBatchAsync([new ProbeEvent(1, "a"), new ProbeEvent(2, "b"), new ProbeEvent(3, "c")]);
        await stream.OnNextAsync(new ProbeEvent(4, "d"));

        Assert.Equal(["a,b,c", "d"], await subscriber.Batches());
    }

    [Fact]
    public async Task Explicit_subscriptions_survive_the_subscribers_deactivation()
    {
        var streamKey = Guid.NewGuid().ToString("N");
        var stream = Provider.GetStream<ProbeEvent>(StreamId.Create("topic", streamKey));
        var subscriber = _cluster.GrainFactory.GetGrain<IStreamSubscriberGrain>(Guid.NewGuid().ToString("N"));
        await subscriber.Subscribe(streamKey);

        await stream.OnNextAsync(new ProbeEvent(1, "before"));
        var before = _cluster.Primary.ActivationCount;
        await subscriber.DeactivateSoon();
        await Eventually.AssertAsync(() => _cluster.Primary.ActivationCount < before, TimeSpan.FromSeconds(10), "the subscriber should deactivate");
        await stream.OnNextAsync(new ProbeEvent(2, "after"));

        Assert.Equal(["self:before", "self:after"], await subscriber.Received());
    }

    [Fact]
    public async Task A_delegate_observer_receives_while_its_activation_lives_and_unsubscribe_stops_delivery()
    {
        var streamKey = Guid.NewGuid().ToString("N");
        var stream = Provider.GetStream<ProbeEvent>(StreamId.Create("topic", streamKey));
        var subscriber = _cluster.GrainFactory.GetGrain<IStreamSubscriberGrain>(Guid.NewGuid().ToString("N"));
        await subscriber.SubscribeWithDelegate(streamKey);

        await stream.OnNextAsync(new ProbeEvent(1, "one"));
        await subscriber.UnsubscribeAll(streamKey);
        await stream.OnNextAsync(new ProbeEvent(2, "two"));

        Assert.Equal(["delegate:one"], await subscriber.Received());
    }

    [Fact]
    public async Task An_event_for_a_grain_that_observes_nothing_fails_naming_the_grain_and_the_fix()
    {
        var key = Guid.NewGuid().ToString("N");
        var stream = Provider.GetStream<ProbeEvent>(StreamId.Create("deaf", key));

        var error = await Assert.ThrowsAsync<GrainCallException>(() => stream.OnNextAsync(new ProbeEvent(1, "x")));

        Assert.Contains($"deaf/{key}", error.Message);
        Assert.Contains("IAsyncObserver", error.ToString());
    }

    [Fact]
    public void An_unknown_provider_name_lists_the_configured_ones()
    {
        var resolver = _cluster.ServiceProvider.GetRequiredService<IStreamProviderResolver>();

        var error = Assert.Throws<ArgumentException>(() => resolver.GetStreamProvider("kafka"));

        Assert.Contains("'kafka'", error.Message);
        Assert.Contains("mem", error.Message);
    }
}

public sealed class CrossSiloStreamTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder { InitialSilosCount = 2 }
        .AddSiloConfigurator(silo => silo.AddMemoryStreams("mem"))
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Events_produced_on_one_silo_reach_implicit_subscribers_on_every_silo_in_order()
    {
        var provider = _cluster.Silos[0].Services.GetRequiredService<IStreamProviderResolver>().GetStreamProvider("mem");
        var keys = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString("N")).ToList();

        foreach (var key in keys)
        {
            var stream = provider.GetStream<ProbeEvent>(StreamId.Create("probe", key));
            for (var i = 0; i < 20; i++)
            {
                await stream.OnNextAsync(new ProbeEvent(i, key));
            }
        }

        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 20), await _cluster.Silos[1].GrainFactory.GetGrain<IStreamSinkGrain>(key).Received());
        }
    }
}
