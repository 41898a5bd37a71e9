using MultiAgent.Grains.Fleet;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// The benchmark's one warehouse: a 60 × 60 floor, drop stations along the bottom edge and chargers along the
/// top, robots spread evenly over the floor, orders picking from a random cell (a shelf) to a random drop station.
/// Seeded, so every run asks the same work of the fleet.
/// </summary>
internal sealed class BenchWarehouse(int seed)
{
    public const string Id = "wh-bench";
    private const int Size = 60;

    private readonly Random _random = new(seed);

    public static WarehouseLayout Layout { get; } = new(
        Id,
        Size,
        Size,
        PickStations: [new(10, 30), new(30, 30), new(50, 30)],
        DropStations: [.. Enumerable.Range(0, 6).Select(i => new GridPoint(5 + (i * 10), Size - 1))],
        Chargers: [.. Enumerable.Range(0, 6).Select(i => new GridPoint(5 + (i * 10), 0))]);

    /// <summary>Robot <paramref name="k"/> of <paramref name="count"/>: spread evenly over the floor, row by row.</summary>
    public static GridPoint RobotStart(int k, int count)
    {
        var cell = (long)k * Size * Size / count;
        return new GridPoint((int)(cell % Size), (int)(cell / Size));
    }

    /// <summary>A new order, placed now (its <c>createdAt</c> is what the latencies are measured from).</summary>
    public Order NextOrder(string orderId)
    {
        var pick = new GridPoint(_random.Next(Size), _random.Next(1, Size - 1));
        var drop = Layout.DropStations[_random.Next(Layout.DropStations.Count)];
        return new Order(orderId, Id, $"SKU-{_random.Next(10_000)}", pick, drop, CreatedAt: DateTimeOffset.UtcNow);
    }
}
