using MultiAgent.Runtime;
using MultiAgent.Tests.Infrastructure;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

[Collection(RuntimeClusterCollection.Name)]
public sealed class TimerTests(RuntimeClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Timer_ticks_are_turns_and_never_overlap_requests()
    {
        var key = Guid.NewGuid().ToString("N");
        var grain = Grains.GetGrain<ITimerGrain>(key);

        await grain.StartTicking(periodMs: 10, tickWorkMs: 5);
        var requests = Enumerable.Range(0, 30).Select(i => grain.Work(i, delayMs: 5)).ToList();
        await Task.WhenAll(requests);
        await Eventually.AssertAsync(() => Probe.Count(key, "tick") >= 10, TimeSpan.FromSeconds(10), "the timer should tick");

        Assert.Equal(1, await grain.MaxOverlap());
        await grain.DeactivateSoon();
    }

    [Fact]
    public async Task Timers_stop_when_the_grain_deactivates()
    {
        var key = Guid.NewGuid().ToString("N");
        var grain = Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTicking(periodMs: 20, tickWorkMs: 0);
        await Eventually.AssertAsync(() => Probe.Count(key, "tick") >= 3, TimeSpan.FromSeconds(10), "the timer should tick");

        await grain.DeactivateSoon();
        await Eventually.AssertAsync(() => Probe.Count(key, "deactivate") == 1, TimeSpan.FromSeconds(10), "the grain should deactivate");
        var ticksAtDeactivation = Probe.Count(key, "tick");

        // Proving an absence needs a bounded wait: 10 periods of silence.
        await Task.Delay(200);
        Assert.Equal(ticksAtDeactivation, Probe.Count(key, "tick"));
    }

    [Fact]
    public async Task A_timer_registered_during_activation_keeps_ticking_after_a_tick_falls_due_mid_activation()
    {
        var key = Guid.NewGuid().ToString("N");
        await Grains.GetGrain<IEarlyTimerGrain>(key).Touch();

        await Eventually.AssertAsync(() => Probe.Count(key, "tick") >= 5, TimeSpan.FromSeconds(10), "the timer should go on ticking");
    }
}
