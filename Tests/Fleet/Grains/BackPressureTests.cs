using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>A full backlog holds the order stream until a robot frees a slot; nothing is dropped.</summary>
public sealed class BackPressureTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly FleetCluster _fleet = new(scheduler: new SchedulerOptions { MaxBacklog = 2 });

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task An_order_beyond_the_backlog_waits_until_a_robot_frees_a_slot_then_every_order_completes()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var orders = Enumerable.Range(0, 3).Select(i => FleetCluster.NewOrder(warehouse, new GridPoint(i, 3), new GridPoint(i, 4))).ToList();
        await _fleet.ProduceAsync(orders[0]);
        await _fleet.ProduceAsync(orders[1]);

        var third = _fleet.ProduceAsync(orders[2]);
        Assert.Equal(2, await _fleet.Scheduler(warehouse).GetQueueDepth()); // answered while the third order waits
        Assert.False(third.IsCompleted, "the producer should be held while the backlog is full");
        Assert.Equal(OrderStatus.Unknown, (await _fleet.Scheduler(warehouse).GetOrderStatus(orders[2].OrderId)).Status);

        var robot = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));
        await third.WaitAsync(Deadline);
        foreach (var order in orders)
        {
            await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, $"order {order.OrderId} should complete");
        }

        Assert.Equal(3, (await robot.GetSnapshot()).TasksCompleted);
    }
}
