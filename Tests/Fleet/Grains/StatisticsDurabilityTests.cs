using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>
/// The statistics are stored as they are counted: a new activation (after collection here, after a silo
/// crash in the process kill test) carries on from them, and an event delivered again is not counted again.
/// </summary>
public sealed class StatisticsDurabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly FleetCluster _fleet = FleetCluster.CollectingIdleGrainsQuickly();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task The_next_activation_carries_on_from_the_stored_counts_and_skips_events_delivered_again()
    {
        var warehouse = "wh-" + Guid.NewGuid().ToString("N")[..8];
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-1);
        TaskCompleted Completed(string task, string robot, int second) =>
            new(task, "o-" + task, robot, warehouse, t0, t0.AddSeconds(second - 1), t0.AddSeconds(second));
        var events = new object[]
        {
            Completed("t1", "r1", 2),
            Completed("t2", "r2", 3),
            Completed("t3", "r1", 5),
            new TaskFailed("t4", "o-t4", "r2", warehouse, t0, t0.AddSeconds(6), "offline: missed heartbeats", 1, Requeued: true),
        };
        foreach (var item in events)
        {
            await PublishAsync(warehouse, item);
        }

        var statistics = _fleet.Statistics(warehouse);
        var before = await statistics.GetStatistics();
        Assert.Equal((3, 1), (before.TasksCompleted, before.TasksRequeued));
        await Eventually.AssertAsync(() => _fleet.Activations("fleetstatistics") == 0, Deadline, "the idle statistics grain should be collected");

        // Delivered again (a redelivery after a failover, or a robot republishing): each reactivates the grain, none counts.
        foreach (var item in events)
        {
            await PublishAsync(warehouse, item);
        }

        var after = await statistics.GetStatistics();
        Assert.Equal((3L, 0L, 1L), (after.TasksCompleted, after.TasksFailed, after.TasksRequeued));
        Assert.Equal(before.Since, after.Since);
        Assert.Equal(before.OrderToComplete, after.OrderToComplete);
        Assert.Equal(before.OrderToAssign, after.OrderToAssign);
        Assert.Equal(before.FailuresByReason, after.FailuresByReason);
        Assert.Equal(before.Robots.Select(r => (r.RobotId, r.TasksCompleted, r.TasksFailed)), after.Robots.Select(r => (r.RobotId, r.TasksCompleted, r.TasksFailed)));
        Assert.Equal([("r1", 2L, 0L), ("r2", 1L, 1L)], after.Robots.Select(r => (r.RobotId, r.TasksCompleted, r.TasksFailed)));

        // A later event of a robot still counts.
        await PublishAsync(warehouse, Completed("t5", "r2", 7));
        Assert.Equal(4, (await statistics.GetStatistics()).TasksCompleted);
    }

    private Task PublishAsync(string warehouse, object item) => item switch
    {
        TaskCompleted completed => _fleet.PublishAsync(FleetTopics.TaskCompletions, warehouse, completed),
        TaskFailed failed => _fleet.PublishAsync(FleetTopics.TaskCompletions, warehouse, failed),
        _ => throw new ArgumentException($"Not a completion event: {item}", nameof(item)),
    };
}
