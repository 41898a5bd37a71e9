namespace MultiAgent.Benchmarks.Fleet;

/// <summary>The load the end-to-end fleet benchmarks put on the system (issue 5: 1,000 robots, 2,000 orders/s).</summary>
/// <param name="Speed">Cells per simulated second (about a warehouse robot's 1.5 m/s on 1 m cells).</param>
/// <param name="TimeScale">
/// Simulated seconds per real second: fast enough that a whole task fits in one 10 ms simulation tick, so the
/// robots' capacity is far above the target and what is measured is Kafka, the scheduler and storage.
/// </param>
/// <param name="OrdersInFlight">The sustained-throughput phase's bound on orders produced but not yet completed.</param>
/// <param name="OfferedRate">The latency phase's paced order rate, orders/s.</param>
internal sealed record FleetSpec(int Robots, double Speed, double TimeScale, int OrdersInFlight, int OfferedRate)
{
    public static FleetSpec Issue5 { get; } = new(Robots: 1_000, Speed: 1.5, TimeScale: 10_000, OrdersInFlight: 2_000, OfferedRate: 2_000);

    public double CellsPerRealSecond => Speed * TimeScale;
}
