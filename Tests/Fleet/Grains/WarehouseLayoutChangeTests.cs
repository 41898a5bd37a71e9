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
