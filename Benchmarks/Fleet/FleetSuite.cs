using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// The warehouse fleet: scheduler decisions per policy (pure CPU), then end to end on the real stack — Redis, the
/// embedded Kafka broker and the stock silo process, 1,000 simulated robots in one warehouse — sustained orders/s
/// through Kafka → scheduler → robot, and order→assigned/completed latency at 2,000 orders/s offered.
/// </summary>
internal static class FleetSuite
{
    private const int OrderPartitions = 8;
    private const int OrderSeed = 5_005;
    private const int MinimumHalfLoad = 10;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    // Bounds the end-to-end part: every phase also stops by time or count; this is the backstop.
    private static readonly TimeSpan EndToEndTimeout = TimeSpan.FromMinutes(4);

    public static async Task RunAsync(BenchReport report)
    {
        AssignmentBenchmark.Run(report);

        using var timeout = new CancellationTokenSource(EndToEndTimeout);
        var spec = FleetSpec.Issue5;
        var setup = Stopwatch.StartNew();
        await using var stack = await FleetStack.StartAsync(OrderPartitions, timeout.Token);
        var spawned = await stack.SpawnRobotsAsync(spec.Robots, spec.Speed, spec.TimeScale, timeout.Token);
        await using var completions = await CompletionTracker.StartAsync(stack.BootstrapServers, timeout.Token);
        using var producer = new OrderProducer(stack.BootstrapServers, new BenchWarehouse(OrderSeed));
        Console.WriteLine($"  (Redis + Kafka broker + 1 silo process (pid {stack.Silo.ProcessId}, Redis storage, Kafka 'fleet' provider) up, " +
            $"{spec.Robots:N0} robots started in {spawned.TotalSeconds:F1} s; setup {setup.Elapsed.TotalSeconds:F1} s; load average {MachineLoad.OneMinuteAverage() ?? "unknown"}; shared machine, figures are noisy)");

        var run = new FleetRun(stack, producer, completions);
        var sustained = await SustainedThroughputPhase.RunAsync(run, spec, report, timeout.Token);
        await DrainAsync(run, timeout.Token);

        // Latency where the system keeps up, for contrast with the target load, which may be beyond it: run first,
        // since an unsustained target load leaves a backlog behind.
        var halfLoad = Math.Max(MinimumHalfLoad, (int)(sustained / 2));
        Console.WriteLine($"  at half the sustained rate ({halfLoad:N0} orders/s):");
        await OfferedLoadLatencyPhase.RunAsync(run, halfLoad, "_half_load", report, timeout.Token);
        await DrainAsync(run, timeout.Token);
        Console.WriteLine($"  at the target load ({spec.OfferedRate:N0} orders/s):");
        await OfferedLoadLatencyPhase.RunAsync(run, spec.OfferedRate, "", report, timeout.Token);
        var statistics = await stack.Client.GetGrain<IFleetStatisticsGrain>(BenchWarehouse.Id).GetStatistics();
        Console.WriteLine($"    {producer.Produced:N0} orders produced; completions seen on Kafka: {completions.Completed:N0} distinct ({completions.Repeats:N0} repeats, " +
            $"{completions.OtherEvents:N0} failure events); the statistics grain counted {statistics.TasksCompleted:N0}");
        var problems = stack.Silo.Problems();
        Console.WriteLine($"    silo log: {problems.Count:N0} warnings or errors{(problems.Count == 0 ? "" : ", the first: " + string.Join(" | ", problems.Take(3)))}");
    }

    private static async Task DrainAsync(FleetRun run, CancellationToken cancellationToken)
    {
        if (!await run.WaitUntilAsync(() => run.Outstanding == 0, DrainTimeout, cancellationToken))
        {
            Console.WriteLine($"    ({run.Outstanding:N0} orders still outstanding after a {DrainTimeout.TotalSeconds:F0} s drain; the next phase starts with them queued)");
        }
    }
}
