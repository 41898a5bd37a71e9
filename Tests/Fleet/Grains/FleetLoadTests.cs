using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>Many orders, many robots, concurrent producers: every order completes exactly once.</summary>
public sealed class FleetLoadTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FleetCluster _fleet = new();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_backlog_served_by_many_robots_completes_every_order_exactly_once()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var orders = Enumerable.Range(0, 300)
            .Select(i => FleetCluster.NewOrder(warehouse, new GridPoint(i % 20, (i * 7) % 20), new GridPoint((i * 3) % 20, (i * 11) % 20), priority: 1 + (i % 3)))
            .ToList();

        // A backlog first (past the adaptive policy's Hungarian threshold), from concurrent producers.
        await Task.WhenAll(orders.Take(100).Select(_fleet.ProduceAsync));
        Assert.Equal(100, await _fleet.Scheduler(warehouse).GetQueueDepth());
        var robots = new List<IRobotGrain>();
        for (var i = 0; i < 20; i++)
        {
            robots.Add(await _fleet.StartSimulatedAsync(warehouse, new GridPoint(i, 0)));
        }

        await Task.WhenAll(orders.Skip(100).Select(_fleet.ProduceAsync));
        await Task.WhenAll(orders.Take(50).Select(_fleet.ProduceAsync)); // duplicates while under way

        await Eventually.AssertAsync(async () => (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted == orders.Count, Deadline, "every order should complete");
        long executed = 0;
        foreach (var robot in robots)
        {
            executed += (await robot.GetSnapshot()).TasksCompleted;
        }

        Assert.Equal(orders.Count, executed);
        foreach (var order in orders)
        {
            Assert.Equal(OrderStatus.Completed, (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status);
        }

        Assert.Equal(0, await _fleet.Scheduler(warehouse).GetQueueDepth());
    }
}
