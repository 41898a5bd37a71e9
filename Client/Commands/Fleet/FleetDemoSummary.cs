using System.Globalization;
using MultiAgent.Grains.Fleet;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>
/// What a <c>fleet demo</c> run did, from two looks at the statistics grain and scheduler (before the run and
/// at its end) plus the producer's own counts. Counts and utilisation are differences between the two looks,
/// so a statistics grain that already saw earlier runs does not inflate them; latency percentiles cannot be
/// subtracted, so they cover the statistics grain's whole window, which the summary says when it began earlier.
/// </summary>
internal sealed record FleetDemoSummary(
    string WarehouseId,
    TimeSpan Elapsed,
    bool Cancelled,
    long OrdersIn,
    long ProduceFailures,
    long Completed,
    long Failed,
    long Requeued,
    int QueueDepth,
    LatencyPercentiles OrderToAssign,
    LatencyPercentiles OrderToComplete,
    DateTimeOffset? LatenciesSinceEarlier,
    Spread Utilisation,
    Spread TasksPerRobot)
{
    /// <summary>Orders acknowledged by Kafka that have neither completed nor failed (yet).</summary>
    public long Unfinished => Math.Max(0, OrdersIn - Completed - Failed);

    public double ThroughputPerSecond => Completed / Math.Max(Elapsed.TotalSeconds, 1e-3);

    /// <summary>A run that was not stopped by the user succeeded when every order it put in finished.</summary>
    public bool Succeeded => Cancelled || (Unfinished == 0 && ProduceFailures == 0);

    public static FleetDemoSummary From(
        FleetSample before,
        FleetSample after,
        IReadOnlyList<string> robotIds,
        long ordersIn,
        long produceFailures,
        bool cancelled)
    {
        var b = before.Statistics;
        var a = after.Statistics;
        var window = a.AsOf - b.AsOf;
        var busyBefore = BusySeconds(b);
        var busyAfter = BusySeconds(a);
        var tasksBefore = b.Robots.ToDictionary(r => r.RobotId, r => r.TasksCompleted, StringComparer.Ordinal);
        var tasksAfter = a.Robots.ToDictionary(r => r.RobotId, r => r.TasksCompleted, StringComparer.Ordinal);

        // Every spawned robot counts, including those that never finished a task (the statistics grain only lists robots it heard of).
        var utilisation = robotIds
            .Select(id => (busyAfter.GetValueOrDefault(id) - busyBefore.GetValueOrDefault(id)) / Math.Max(window.TotalSeconds, 1e-3))
            .Select(u => Math.Clamp(u, 0, 1));
        var tasks = robotIds.Select(id => (double)(tasksAfter.GetValueOrDefault(id) - tasksBefore.GetValueOrDefault(id)));

        return new FleetDemoSummary(
            a.WarehouseId,
            window,
            cancelled,
            ordersIn,
            produceFailures,
            a.TasksCompleted - b.TasksCompleted,
            a.TasksFailed - b.TasksFailed,
            a.TasksRequeued - b.TasksRequeued,
            after.QueueDepth,
            a.OrderToAssign,
            a.OrderToComplete,
            b.TasksCompleted + b.TasksFailed > 0 ? a.Since : null,
            Spread.Of(utilisation),
            Spread.Of(tasks));
    }

    public IRenderable Render()
    {
        var table = new Table().Title($"[bold]Summary[/] — warehouse {Markup.Escape(WarehouseId)}, {Elapsed.TotalSeconds:F1} s{(Cancelled ? " [yellow](stopped by Ctrl-C)[/]" : "")}")
            .HideHeaders()
            .AddColumns("metric", "value");
        table.AddRow("orders in", $"{OrdersIn} (acknowledged by Kafka){(ProduceFailures > 0 ? $", [red]{ProduceFailures} not accepted by Kafka[/]" : "")}");
        table.AddRow("completed", $"[green]{Completed}[/]  ({ThroughputPerSecond:F1} orders/s)");
        table.AddRow("failed", $"{(Failed > 0 ? $"[red]{Failed}[/]" : "0")}  (requeued to another robot: {Requeued})");
        table.AddRow("not finished", Unfinished == 0 ? "0" : $"[{(Cancelled ? "yellow" : "red")}]{Unfinished}[/]  (queue depth {QueueDepth})");
        var since = LatenciesSinceEarlier is { } s ? $"  [grey](since {s.ToLocalTime():HH:mm:ss}, incl. earlier runs)[/]" : "";
        table.AddRow("order → assigned", Percentiles(OrderToAssign) + since);
        table.AddRow("order → completed", Percentiles(OrderToComplete) + since);
        table.AddRow(
            "robot utilisation",
            $"mean {Percent(Utilisation.Mean)}  sd {Percent(Utilisation.StandardDeviation)}  min {Percent(Utilisation.Min)}  max {Percent(Utilisation.Max)}  over {Utilisation.Count} robots (time on tasks / {Elapsed.TotalSeconds:F1} s)");
        table.AddRow(
            "tasks per robot",
            string.Create(CultureInfo.InvariantCulture, $"mean {TasksPerRobot.Mean:F1}  min {TasksPerRobot.Min:F0}  max {TasksPerRobot.Max:F0}"));
        return table;
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:F0}%");

    public static string Percentiles(LatencyPercentiles p) =>
        p.Count == 0 ? "[grey]no samples[/]" : string.Create(CultureInfo.InvariantCulture, $"p50 {p.P50Ms:F1} ms  p99 {p.P99Ms:F1} ms  max {p.MaxMs:F1} ms  (n={p.Count})");

    /// <summary>Time on tasks per robot: the statistics grain reports it as a share of its window, so multiply back.</summary>
    private static Dictionary<string, double> BusySeconds(FleetStatistics statistics)
    {
        var window = (statistics.AsOf - statistics.Since).TotalSeconds;
        return statistics.Robots.ToDictionary(r => r.RobotId, r => r.Utilisation * window, StringComparer.Ordinal);
    }
}
