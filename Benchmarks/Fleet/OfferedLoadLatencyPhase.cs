using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// <c>fleet.assign_p50_ms</c>, <c>fleet.assign_p99_ms</c>, <c>fleet.complete_p99_ms</c>: orders paced by the clock at
/// the offered rate (open loop: the producer does not wait for the system), latencies from each order's createdAt to
/// the scheduler's assignment and to the robot's completion, as the completion events carry them. The orders of the
/// window are waited for a bounded time; any still unfinished are asked of the scheduler (OrderStatusReport), and
/// what is still unknown counts as a lower bound — an overloaded run shows as such, with its backlog growth.
/// </summary>
internal static class OfferedLoadLatencyPhase
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StragglerTimeout = TimeSpan.FromSeconds(5);
    private const int StatusQueryParallelism = 32;

    /// <param name="rate">Orders per second offered.</param>
    /// <param name="nameSuffix">Appended to every figure's name, so runs at different loads report side by side.</param>
    public static async Task RunAsync(FleetRun run, int rate, string nameSuffix, BenchReport report, CancellationToken cancellationToken)
    {
        var warmupOrders = (int)(rate * Warmup.TotalSeconds);
        var total = warmupOrders + (int)(rate * Window.TotalSeconds);
        var measured = new List<Order>(total - warmupOrders);
        long outstandingAtStart = 0;
        var windowStart = DateTimeOffset.MaxValue;

        // Paced by the clock: every millisecond, send what is due so far.
        var started = Stopwatch.GetTimestamp();
        for (var sent = 0; sent < total;)
        {
            run.ThrowIfBroken();
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                if (sent == warmupOrders)
                {
                    outstandingAtStart = run.Outstanding;
                    windowStart = DateTimeOffset.UtcNow;
                }

                var order = run.Producer.Produce();
                if (sent >= warmupOrders)
                {
                    measured.Add(order);
                }
            }

            await Task.Delay(1, cancellationToken);
        }

        var windowEnd = DateTimeOffset.UtcNow;
        var windowSeconds = (windowEnd - windowStart).TotalSeconds;
        var outstandingAtEnd = run.Outstanding;
        var queueDepth = await run.Stack.Scheduler.GetQueueDepth();
        await run.WaitForCompletionsAfterAsync(windowEnd, StragglerTimeout, cancellationToken);
        var completedPerSecond = run.Completions.CompletedBetween(windowStart, windowEnd).Count / windowSeconds;
        await run.WaitUntilAsync(() => measured.TrueForAll(o => run.Completions.TryGet(o.OrderId, out _)), DrainTimeout, cancellationToken);
        var (assign, complete) = await LatenciesAsync(run, measured, cancellationToken);

        var offered = measured.Count / windowSeconds;
        var growth = (outstandingAtEnd - outstandingAtStart) / windowSeconds;
        var unfinished = complete.Censored == 0 ? "" : $"; {complete.Censored:N0} of {measured.Count:N0} unfinished after a {DrainTimeout.TotalSeconds:F0} s drain count at their lower bounds";
        AddPercentile(report, $"fleet.assign_p50_ms{nameSuffix}", assign, 50, $"order createdAt → scheduler's assignment at {rate:N0} orders/s offered, {measured.Count:N0} orders over {windowSeconds:F1} s");
        AddPercentile(report, $"fleet.assign_p99_ms{nameSuffix}", assign, 99, "same, p99 (target ≤ 50)");
        AddPercentile(report, $"fleet.complete_p50_ms{nameSuffix}", complete, 50, "order createdAt → robot's completion");
        AddPercentile(report, $"fleet.complete_p99_ms{nameSuffix}", complete, 99, $"same, p99{unfinished}");
        report.Add($"fleet.offered_orders_per_s{nameSuffix}", offered, "orders/s", "what the paced producer sent in the window");
        report.Add($"fleet.completed_orders_per_s{nameSuffix}", completedPerSecond, "orders/s", "tasks completed per second in the same window");
        report.Add($"fleet.completed_vs_offered{nameSuffix}", completedPerSecond / offered, "ratio", "≈ 1 when the offered rate is sustained");
        report.Add($"fleet.backlog_growth_per_s{nameSuffix}", growth, "orders/s",
            $"outstanding orders {outstandingAtStart:N0} → {outstandingAtEnd:N0} over the window (≈ 0 when sustained); scheduler queue {queueDepth:N0} at its end");
        if (complete.Censored > 0 || growth > rate * 0.05)
        {
            Console.WriteLine($"    NOT SUSTAINED: {rate:N0} orders/s offered, {completedPerSecond:N0}/s completed; the backlog grew by {growth:N0} orders/s.");
        }
    }

    private static void AddPercentile(BenchReport report, string name, CensoredLatencies latencies, double percentile, string note)
    {
        var (ms, exact) = latencies.Percentile(percentile);
        report.Add(name, ms, "ms", exact ? note : $"AT LEAST this: {latencies.Censored:N0} orders had not got this far; {note}");
    }

    /// <summary>From the completion events; for orders not (yet) seen completed, from the scheduler's order status.</summary>
    private static async Task<(CensoredLatencies Assign, CensoredLatencies Complete)> LatenciesAsync(FleetRun run, List<Order> measured, CancellationToken cancellationToken)
    {
        var assign = new CensoredLatencies();
        var complete = new CensoredLatencies();
        var unseen = new List<Order>();
        foreach (var order in measured)
        {
            if (run.Completions.TryGet(order.OrderId, out var done))
            {
                assign.Add(done.OrderToAssign);
                complete.Add(done.OrderToComplete);
            }
            else
            {
                unseen.Add(order);
            }
        }

        var reports = new OrderStatusReport[unseen.Count];
        await Parallel.ForAsync(0, unseen.Count, new ParallelOptions { MaxDegreeOfParallelism = StatusQueryParallelism, CancellationToken = cancellationToken }, async (i, _) =>
            reports[i] = await run.Stack.Scheduler.GetOrderStatus(unseen[i].OrderId));
        var askedAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < unseen.Count; i++)
        {
            var createdAt = unseen[i].CreatedAt;
            Record(assign, reports[i].AssignedAt, createdAt, askedAt);
            Record(complete, reports[i].CompletedAt, createdAt, askedAt);
        }

        return (assign, complete);
    }

    private static void Record(CensoredLatencies latencies, DateTimeOffset? reached, DateTimeOffset createdAt, DateTimeOffset askedAt)
    {
        if (reached is { } at)
        {
            latencies.Add(at - createdAt);
        }
        else
        {
            latencies.AddAtLeast(askedAt - createdAt);
        }
    }
}
