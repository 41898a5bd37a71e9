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
