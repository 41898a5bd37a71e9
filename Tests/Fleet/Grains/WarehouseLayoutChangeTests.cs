using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>The scheduler checks orders against the warehouse's current layout, also after a reconfiguration.</summary>
public sealed class WarehouseLayoutChangeTests : IAsyncLifetime
{
    private readonly FleetCluster _fleet = new();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Orders_are_validated_against_the_layout_the_warehouse_has_now()
    {
        var warehouse = await _fleet.NewWarehouseAsync(); // 20 × 20
        await _fleet.ProduceAsync(FleetCluster.NewOrder(warehouse, new GridPoint(3, 3), new GridPoint(4, 4)));

        await _fleet.Grains.GetGrain<IWarehouseGrain>(warehouse).Configure(new WarehouseLayout(warehouse, 40, 40, [new(5, 5)], [new(35, 35)], [new(39, 39)]));
        var farOut = FleetCluster.NewOrder(warehouse, new GridPoint(30, 30), new GridPoint(35, 35));
        await Eventually.AssertAsync(
            async () =>
            {
                try
                {
                    await _fleet.ProduceAsync(farOut);
                    return true;
                }
                catch (Exception)
                {
                    return false; // the one-way layout notice may still be on its way
                }
            },
            TimeSpan.FromSeconds(10),
            "an order on the enlarged grid should be accepted");

        await _fleet.Grains.GetGrain<IWarehouseGrain>(warehouse).Configure(new WarehouseLayout(warehouse, 10, 10, [new(5, 5)], [new(8, 8)], [new(9, 9)]));
        var offGrid = FleetCluster.NewOrder(warehouse, new GridPoint(15, 15), new GridPoint(8, 8));
        await Eventually.AssertAsync(
            async () =>
            {
                try
                {
                    await _fleet.ProduceAsync(offGrid with { OrderId = "o-" + Guid.NewGuid().ToString("N")[..12] });
                    return false;
                }
                catch (Exception e)
                {
                    return e.ToString().Contains("pickLocation", StringComparison.Ordinal);
                }
            },
            TimeSpan.FromSeconds(10),
            "an order off the shrunk grid should be rejected naming the field");
        Assert.Equal(OrderStatus.Pending, (await _fleet.Scheduler(warehouse).GetOrderStatus(farOut.OrderId)).Status);
    }
}

/// <summary>A robot starting against a warehouse activation that went stale still registers.</summary>
public sealed class RobotRegistrationTests : IAsyncLifetime
{
    private readonly FleetCluster _fleet = new();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_robot_registers_even_when_the_warehouse_activation_it_first_meets_holds_stale_state()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0), robotId: $"{warehouse}-first");

        // Another writer (a second activation while silos disagreed, say) registers a robot behind this activation's back.
        await _fleet.UpdateStoredStateAsync<WarehouseState>(new MultiAgent.Runtime.GrainId("warehouse", warehouse), "warehouse", s => s.Robots.Add($"{warehouse}-elsewhere"));

        await _fleet.StartSimulatedAsync(warehouse, new GridPoint(1, 0), robotId: $"{warehouse}-second");

        Assert.Equal([$"{warehouse}-first", $"{warehouse}-elsewhere", $"{warehouse}-second"], await _fleet.Grains.GetGrain<IWarehouseGrain>(warehouse).GetRobots());
    }
}
