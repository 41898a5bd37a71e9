using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>A scheduler's waiting tasks survive its deactivation: the next activation carries on from storage.</summary>
public sealed class SchedulerDurabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly FleetCluster _fleet = FleetCluster.CollectingIdleGrainsQuickly();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Waiting_tasks_are_assigned_once_by_the_next_activation_after_the_scheduler_was_collected()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var orders = Enumerable.Range(0, 3).Select(i => FleetCluster.NewOrder(warehouse, new GridPoint(i, 1), new GridPoint(i, 2))).ToList();
        foreach (var order in orders)
        {
            await _fleet.ProduceAsync(order);
        }

        Assert.Equal(3, await _fleet.Scheduler(warehouse).GetQueueDepth());
        Assert.Equal(1, _fleet.Activations("scheduler"));
        await Eventually.AssertAsync(() => _fleet.Activations("scheduler") == 0, Deadline, "the idle scheduler should be collected");

        var robot = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0)); // its report reactivates the scheduler
        foreach (var order in orders)
        {
            await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, $"order {order.OrderId} should complete");
        }

        Assert.Equal(3, (await robot.GetSnapshot()).TasksCompleted);
        await _fleet.ProduceAsync(orders[0]); // still known after reactivation: acknowledged, not redone
        Assert.Equal(0, await _fleet.Scheduler(warehouse).GetQueueDepth());
        Assert.Equal(3, (await robot.GetSnapshot()).TasksCompleted);
    }
}

/// <summary>Idle robots are not stored by the scheduler: a new activation asks the robots.</summary>
public sealed class SchedulerIdleRobotTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly FleetCluster _fleet = new();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_reactivated_scheduler_finds_robots_that_stayed_idle_without_reporting_again()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robots = new List<IRobotGrain>();
        for (var i = 0; i < 3; i++)
        {
            robots.Add(await _fleet.StartSimulatedAsync(warehouse, new GridPoint(i, 0)));
        }

        // Only the scheduler goes: the robots stay active and idle, so none of them reports again.
        await _fleet.DeactivateAsync(new MultiAgent.Runtime.GrainId("scheduler", warehouse));
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(4, 4), new GridPoint(5, 5));
        await _fleet.ProduceAsync(order);

        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "a rediscovered idle robot should take the order");
        long executed = 0;
        foreach (var robot in robots)
        {
            executed += (await robot.GetSnapshot()).TasksCompleted;
        }

        Assert.Equal(1, executed);
    }
}
