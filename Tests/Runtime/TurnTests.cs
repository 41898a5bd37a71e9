using MultiAgent.Runtime;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

[Collection(RuntimeClusterCollection.Name)]
public sealed class TurnTests(RuntimeClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Requests_to_a_non_reentrant_grain_never_overlap_and_start_in_arrival_order()
    {
        var grain = Grains.GetGrain<ITurnGrain>(Guid.NewGuid().ToString("N"));
        await grain.MaxOverlap(); // activate first, so arrival order is the order of the calls below

        // Issued from one thread in sequence: this is their arrival order.
        var calls = Enumerable.Range(0, 20).Select(i => grain.Work(i, delayMs: 5)).ToList();
        await Task.WhenAll(calls);

        Assert.Equal(1, await grain.MaxOverlap());
        Assert.Equal(Enumerable.Range(0, 20), await grain.StartOrder());
    }

    [Fact]
    public async Task Concurrent_callers_from_many_threads_never_overlap_in_a_non_reentrant_grain()
    {
        var grain = Grains.GetGrain<ITurnGrain>(Guid.NewGuid().ToString("N"));
        var calls = Enumerable.Range(0, 64).Select(i => Task.Run(() => grain.Work(i, delayMs: 1)));

        await Task.WhenAll(calls);

        Assert.Equal(1, await grain.MaxOverlap());
        Assert.Equal(64, (await grain.StartOrder()).Count);
    }

    [Fact]
    public async Task Requests_to_a_reentrant_grain_interleave()
    {
        var grain = Grains.GetGrain<IReentrantTurnGrain>(Guid.NewGuid().ToString("N"));
        var calls = Enumerable.Range(0, 10).Select(i => grain.Work(i, delayMs: 200)).ToList();

        await Task.WhenAll(calls);

        Assert.True(await grain.MaxOverlap() > 1, "a reentrant grain should run requests at once across awaits");
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_a_request_is_in_progress()
    {
        var grain = Grains.GetGrain<ITurnGrain>(Guid.NewGuid().ToString("N"));
        var longWork = grain.Work(0, delayMs: 2_000);

        // Non-reentrant, yet InFlight answers during Work and sees it in progress.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var seen = 0;
        while (seen == 0 && DateTime.UtcNow < deadline && !longWork.IsCompleted)
        {
            seen = await grain.InFlight();
        }

        Assert.Equal(1, seen);
        Assert.False(longWork.IsCompleted, "InFlight must not have waited for Work to finish");
        await longWork;
    }
}
