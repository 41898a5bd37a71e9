using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>Orders that reach the scheduler as one batch, and the segments its finished orders are kept in.</summary>
public sealed class SchedulerBatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // 600 remembered → 3 segments of 500 in the ring, so the 1,501st finished order reuses the oldest slot.
    private readonly FleetCluster _fleet = new(
        scheduler: new SchedulerOptions { KnownOrderCapacity = 600 },
        configure: b => b
            .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionAge", "00:00:01")
            .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionQuantum", "00:00:00.200"));

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_batch_stores_its_valid_orders_and_fails_naming_the_invalid_one()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var earlier = FleetCluster.NewOrder(warehouse, new GridPoint(1, 1), new GridPoint(2, 2));
        await _fleet.ProduceAsync(earlier);
        var first = FleetCluster.NewOrder(warehouse, new GridPoint(3, 3), new GridPoint(4, 4));
        var offGrid = FleetCluster.NewOrder(warehouse, new GridPoint(3, 99), new GridPoint(4, 4));
        var last = FleetCluster.NewOrder(warehouse, new GridPoint(5, 5), new GridPoint(6, 6));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _fleet.ProduceBatchAsync(warehouse, [first, earlier, offGrid, last, first]));

        Assert.Contains("pickLocation", error.ToString());
        Assert.Contains(offGrid.OrderId, error.ToString());
        Assert.Equal(3, await _fleet.Scheduler(warehouse).GetQueueDepth()); // earlier, first, last: each once
        Assert.Equal(OrderStatus.Pending, (await _fleet.Scheduler(warehouse).GetOrderStatus(last.OrderId)).Status);
        Assert.Equal(OrderStatus.Unknown, (await _fleet.Scheduler(warehouse).GetOrderStatus(offGrid.OrderId)).Status);
    }

    [Fact]
    public async Task Finished_orders_are_remembered_across_reactivation_up_to_the_ring_of_segments()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robots = new List<IRobotGrain>();
        for (var i = 0; i < 20; i++)
        {
            robots.Add(await _fleet.StartSimulatedAsync(warehouse, new GridPoint(i, 0)));
        }

        var orders = Enumerable.Range(0, 1_700)
            .Select(i => FleetCluster.NewOrder(warehouse, new GridPoint(i % 20, (i / 20) % 20), new GridPoint((i * 7) % 20, (i * 3) % 20)))
            .ToList();
        foreach (var chunk in orders.Chunk(100))
        {
            await _fleet.ProduceBatchAsync(warehouse, chunk);
        }

        await Eventually.AssertAsync(async () => (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted >= orders.Count, Deadline, "every order should complete");
        await Eventually.AssertAsync(() => _fleet.Activations("scheduler") == 0, Deadline, "the idle scheduler should be collected");

        // The next activation reads the three segments: 1,700 finished − the 500 of the reused slot.
        var statuses = new List<OrderStatus>();
        foreach (var order in orders)
        {
            statuses.Add((await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status);
        }

        Assert.Equal(1_200, statuses.Count(s => s == OrderStatus.Completed));
        Assert.Equal(500, statuses.Count(s => s == OrderStatus.Unknown));
        long executed = 0;
        foreach (var robot in robots)
        {
            executed += (await robot.GetSnapshot()).TasksCompleted;
        }

        Assert.Equal(orders.Count, executed);
    }
}
