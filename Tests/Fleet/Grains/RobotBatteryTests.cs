using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>A robot low on battery finishes its task first, then charges before it takes another.</summary>
public sealed class RobotBatteryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // A cell costs 5 %; below 50 % after a task the robot goes to charge.
    private readonly FleetCluster _fleet = new(new RobotOptions { BatteryPerCell = 0.05, LowBattery = 0.5, ChargePerSecond = 0.02 });

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Low_battery_after_a_task_sends_the_robot_to_the_nearest_charger_before_it_is_idle_again()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robot = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(10, 10));
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(10, 16), new GridPoint(16, 16)); // 12 cells: 60 % used

        await _fleet.ProduceAsync(order);

        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "the task should complete first");
        await Eventually.AssertAsync(
            async () => await robot.GetSnapshot() is { Status: RobotStatus.Idle, Battery: 1 } s && s.Position == FleetCluster.Charger,
            Deadline,
            "the robot should charge at the nearest charger, then be idle");
        Assert.Equal(12 + 6, await robot.GetDistanceTravelled());

        // Charged, it takes work again.
        var next = FleetCluster.NewOrder(warehouse, new GridPoint(18, 19), new GridPoint(19, 18));
        await _fleet.ProduceAsync(next);
        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(next.OrderId)).Status == OrderStatus.Completed, Deadline, "the charged robot should take the next task");
    }
}
