using MultiAgent.Benchmarks.Reporting;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// The warehouse fleet: scheduler decisions per policy now; the end-to-end figures (orders/s through
/// Kafka → scheduler → robot, order→assign/complete latencies) join here as further steps.
/// </summary>
internal static class FleetSuite
{
    public static Task RunAsync(BenchReport report)
    {
        AssignmentBenchmark.Run(report);
        return Task.CompletedTask;
    }
}
