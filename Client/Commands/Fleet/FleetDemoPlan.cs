using System.Globalization;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>What a <c>fleet demo</c> run sets up and sends, all validated before anything connects.</summary>
internal sealed record FleetDemoPlan(
    string Kafka,
    string Topic,
    WarehouseLayout Layout,
    int Robots,
    int Orders,
    double Rate,
    double Speed,
    double TimeScale,
    TimeSpan DrainTimeout,
    int? Seed)
{
    public string WarehouseId => Layout.WarehouseId;

    public IReadOnlyList<string> RobotIds { get; } = [.. Enumerable.Range(1, Robots).Select(k => RobotsCommand.RobotId(Layout.WarehouseId, k))];

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        warehouse  {WarehouseId}: {WarehouseCommand.Describe(Layout)}
        robots     {Robots} simulated, {Speed} cells/s at {TimeScale}× time scale ({Speed * TimeScale} cells per real second)
        orders     {Orders} at {Rate}/s (about {Orders / Rate:F0} s) to Kafka topic '{Topic}' at {Kafka}, key {WarehouseId}
        """);
}
