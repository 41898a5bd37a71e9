using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// <c>fleet.orders_per_s</c>: the producer keeps a fixed number of orders in flight (produced, not yet seen
/// completed) — enough to keep every robot busy with a backlog to spare, without letting it grow without bound — and
/// the figure is the tasks completed per second (by their completion time) over a window after a warm-up. Also
/// what the robots could do: robots ÷ mean assigned→completed time, to show they are not the bottleneck.
/// </summary>
internal static class SustainedThroughputPhase
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan StragglerTimeout = TimeSpan.FromSeconds(5);

    /// <returns>The sustained orders/s.</returns>
    public static async Task<double> RunAsync(FleetRun run, FleetSpec spec, BenchReport report, CancellationToken cancellationToken)
    {
        var windowStart = DateTimeOffset.UtcNow + Warmup;
        var windowEnd = windowStart + Window;
        while (DateTimeOffset.UtcNow < windowEnd)
        {
            run.ThrowIfBroken();
            for (var outstanding = run.Outstanding; outstanding < spec.OrdersInFlight; outstanding++)
            {
                run.Producer.Produce();
            }

            await Task.Delay(1, cancellationToken);
        }

        var queueDepth = await run.Stack.Scheduler.GetQueueDepth();
        await run.WaitForCompletionsAfterAsync(windowEnd, StragglerTimeout, cancellationToken);
        var done = run.Completions.CompletedBetween(windowStart, windowEnd);
        if (done.Count == 0)
        {
            throw new InvalidOperationException(
                $"No task completed in the {Window.TotalSeconds} s window ({run.Producer.Produced:N0} orders produced, {run.Completions.Completed:N0} completed in all): the fleet is not working.");
        }

        var perSecond = done.Count / Window.TotalSeconds;
        var serviceMs = done.Average(c => (c.CompletedAt - c.AssignedAt).TotalMilliseconds);
        var capacity = spec.Robots / (serviceMs / 1000);
        report.Add("fleet.orders_per_s", perSecond, "orders/s",
            $"Kafka → scheduler → robot → task-completions, {spec.Robots:N0} robots, {spec.OrdersInFlight:N0} orders in flight, {Window.TotalSeconds:F0} s after {Warmup.TotalSeconds:F0} s warm-up (target ≥ 2,000)");
        report.Add("fleet.robot_capacity_per_s", capacity, "tasks/s",
            $"what the robots could do: {spec.Robots:N0} ÷ mean assigned→completed {serviceMs:F1} ms ({spec.CellsPerRealSecond:N0} cells/s, ≥ 1 tick of {new RobotOptions().MinTick.TotalMilliseconds:F0} ms per task; charging trips not counted)");
        report.Add("fleet.robot_utilisation", perSecond / capacity, "ratio", "orders/s ÷ robot capacity (well below 1: robots are not the bottleneck)");

        // Where the in-flight orders were (Little's law for the robots' share): what is neither queued in the
        // scheduler nor on a robot is in Kafka or the provider's partition queue, not yet accepted by the scheduler.
        var onRobots = perSecond * serviceMs / 1000;
        Console.WriteLine($"    of {spec.OrdersInFlight:N0} orders in flight: {queueDepth:N0} waiting in the scheduler's queue, ≈ {onRobots:N0} on robots, " +
            $"≈ {Math.Max(0, spec.OrdersInFlight - queueDepth - onRobots):N0} not yet accepted by the scheduler (in Kafka or the stream provider's queue)");
        return perSecond;
    }
}
