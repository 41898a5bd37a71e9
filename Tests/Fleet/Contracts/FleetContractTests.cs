using MultiAgent.Grains.Fleet;

namespace MultiAgent.Tests.Fleet.Contracts;

public sealed class FleetContractTests
{
    private static readonly DateTimeOffset Created = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(0, 0, 3, 4, 7)]
    [InlineData(5, 1, 2, 9, 11)]
    [InlineData(-2, 3, 2, -3, 10)]
    public void Distance_is_manhattan_and_symmetric(int ax, int ay, int bx, int by, int expected)
    {
        var a = new GridPoint(ax, ay);
        var b = new GridPoint(bx, by);

        Assert.Equal(expected, a.ManhattanDistanceTo(b));
        Assert.Equal(expected, b.ManhattanDistanceTo(a));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(9, 4, true)]
    [InlineData(10, 4, false)]
    [InlineData(9, 5, false)]
    [InlineData(-1, 0, false)]
    [InlineData(0, -1, false)]
    public void The_layout_contains_cells_from_zero_to_size_minus_one(int x, int y, bool inside)
    {
        var layout = new WarehouseLayout("wh", 10, 5, [], [], []);

        Assert.Equal(inside, layout.Contains(new GridPoint(x, y)));
    }

    [Fact]
    public void Layout_problems_name_their_fields()
    {
        var layout = new WarehouseLayout(" ", 10, 5, [new(1, 1)], [new(10, 0)], [new(0, 0), new(3, 9)]);

        Assert.Equal(
            ["warehouseId: is missing or empty.", "dropStations[0]: (10, 0) is outside the 10 × 5 grid.", "chargers[1]: (3, 9) is outside the 10 × 5 grid."],
            layout.Problems());
        Assert.Contains((layout with { Width = 0 }).Problems(), p => p.StartsWith("width/height:", StringComparison.Ordinal));
        Assert.Empty(new WarehouseLayout("wh", 10, 5, [new(1, 1)], [new(9, 4)], []).Problems());
    }

    [Fact]
    public void A_completion_carries_its_latencies_from_the_order_time()
    {
        var completed = new TaskCompleted("t", "o", "r", "wh", Created, Created.AddMilliseconds(12), Created.AddSeconds(40));

        Assert.Equal(TimeSpan.FromMilliseconds(12), completed.OrderToAssign);
        Assert.Equal(TimeSpan.FromSeconds(40), completed.OrderToComplete);
    }

    [Fact]
    public void An_unknown_order_reports_unknown_and_nothing_else()
    {
        var report = OrderStatusReport.Unknown("o-404");

        Assert.Equal(new OrderStatusReport("o-404", OrderStatus.Unknown), report);
        Assert.Equal(OrderStatus.Unknown, default(OrderStatus));
        Assert.Equal(RobotStatus.Idle, default(RobotStatus));
    }
}
