using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>Orders in on the stream, tasks out to robots, completions back to the statistics grain.</summary>
public sealed class SchedulerFlowTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly FleetCluster _fleet = new();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task An_order_on_the_stream_becomes_a_completed_task_and_reaches_the_statistics()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robot = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(3, 4), new GridPoint(6, 2));

        await _fleet.ProduceAsync(order);

        await Eventually.AssertAsync(async () => (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted == 1, Deadline, "the completion should reach the statistics grain");
        var status = await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId);
        Assert.Equal(OrderStatus.Completed, status.Status);
        Assert.Equal(robot.GetPrimaryKeyString(), status.RobotId);
        Assert.NotNull(status.AssignedAt);
        var snapshot = await robot.GetSnapshot();
        Assert.Equal(new GridPoint(6, 2), snapshot.Position);
        Assert.Equal(1, snapshot.TasksCompleted);
        Assert.Equal(RobotStatus.Idle, snapshot.Status);
        Assert.Equal(7 + 5, await robot.GetDistanceTravelled()); // (0,0)→(3,4)→(6,2) on the grid
        var statistics = await _fleet.Statistics(warehouse).GetStatistics();
        Assert.Equal(1, statistics.OrderToComplete.Count);
        Assert.Equal(robot.GetPrimaryKeyString(), Assert.Single(statistics.Robots).RobotId);
        Assert.Equal(0, await _fleet.Scheduler(warehouse).GetQueueDepth());
    }

    [Fact]
    public async Task With_one_robot_tasks_are_served_by_priority_then_deadline()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var now = DateTimeOffset.UtcNow;
        GridPoint pick = new(2, 2), drop = new(3, 3);

        // Oldest first but least urgent, so age alone would put it first.
        var low = FleetCluster.NewOrder(warehouse, pick, drop, priority: 1, createdAt: now.AddMinutes(-10));
        var urgentNoDeadline = FleetCluster.NewOrder(warehouse, pick, drop, priority: 5, createdAt: now.AddMinutes(-5));
        var urgentLate = FleetCluster.NewOrder(warehouse, pick, drop, priority: 5, deadline: now.AddHours(2), createdAt: now);
        var urgentEarly = FleetCluster.NewOrder(warehouse, pick, drop, priority: 5, deadline: now.AddHours(1), createdAt: now);
        foreach (var order in new[] { low, urgentNoDeadline, urgentLate, urgentEarly })
        {
            await _fleet.ProduceAsync(order);
        }

        Assert.Equal(4, await _fleet.Scheduler(warehouse).GetQueueDepth());
        await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));

        var expected = new[] { urgentEarly, urgentLate, urgentNoDeadline, low }.Select(o => o.OrderId).ToList();
        await Eventually.AssertAsync(async () => (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted == 4, Deadline, "all four orders should complete");
        var reports = new List<OrderStatusReport>();
        foreach (var id in expected)
        {
            reports.Add(await _fleet.Scheduler(warehouse).GetOrderStatus(id));
        }

        Assert.All(reports, r => Assert.Equal(OrderStatus.Completed, r.Status));
        Assert.Equal(expected, reports.OrderBy(r => r.AssignedAt).Select(r => r.OrderId).ToList());
    }

    [Fact]
    public async Task A_duplicate_order_id_is_acknowledged_and_executed_once()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robot = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(4, 4), new GridPoint(8, 8));

        await _fleet.ProduceAsync(order);
        await _fleet.ProduceAsync(order); // while it is under way
        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "the order should complete");
        await _fleet.ProduceAsync(order); // after it is done
        var report = await _fleet.Scheduler(warehouse).SubmitOrder(order); // and through the client API
        Assert.Equal(OrderStatus.Completed, report.Status);

        // A second order as a barrier: once it is done, a re-execution of the first would have shown too.
        var next = FleetCluster.NewOrder(warehouse, new GridPoint(1, 1), new GridPoint(2, 2));
        await _fleet.ProduceAsync(next);
        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(next.OrderId)).Status == OrderStatus.Completed, Deadline, "the barrier order should complete");

        Assert.Equal(2, (await robot.GetSnapshot()).TasksCompleted);
        Assert.Equal(2, (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted);
    }

    [Fact]
    public async Task An_invalid_order_is_rejected_with_the_validators_reason()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(25, 3), new GridPoint(1, 1), priority: 0);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _fleet.ProduceAsync(order));

        var text = error.ToString();
        Assert.Contains(nameof(OrderRejectedException), text);
        Assert.Contains("pickLocation: (25, 3) is outside the 20 × 20 grid", text);
        Assert.Contains("priority: must be a positive integer", text);
        Assert.Equal(OrderStatus.Unknown, (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status);
        await Assert.ThrowsAnyAsync<Exception>(() => _fleet.Scheduler(warehouse).SubmitOrder(order));
        Assert.Equal(0, await _fleet.Scheduler(warehouse).GetQueueDepth());
    }

    [Fact]
    public async Task An_order_for_a_warehouse_without_a_layout_is_rejected_naming_the_fix()
    {
        var warehouse = "wh-unconfigured-" + Guid.NewGuid().ToString("N")[..6];
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(1, 1), new GridPoint(2, 2));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _fleet.ProduceAsync(order));

        Assert.Contains("has no layout yet", error.ToString());
    }
}
