using System.CommandLine;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary><c>fleet watch --warehouse &lt;id&gt;</c>: a live table of robots, queue depth, throughput and latencies.</summary>
internal static class FleetWatchCommand
{
    public static Command Create()
    {
        var warehouse = FleetOptions.Warehouse("The warehouse to watch.");
        var interval = new Option<TimeSpan>("--interval", "-i")
        {
            Description = "Refresh interval, e.g. 1s, 500ms, 2m.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
            CustomParser = FleetOptions.ParseDuration,
        };
        var once = new Option<bool>("--once") { Description = "Print one frame and exit (for scripts and tests)." };
        var rows = FleetOptions.PositiveInt("--rows", "At most this many robots in the table (busiest first); the rest are summed up.", defaultValue: 30);

        var watch = new Command("watch", "Live view of a warehouse: robots, queue depth, throughput and latency percentiles.") { warehouse, interval, once, rows };
        watch.SetAction((parsed, cancellationToken) => ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
        {
            var warehouseId = parsed.GetValue(warehouse)!;
            var maxRows = parsed.GetValue(rows);
            if (parsed.GetValue(once))
            {
                AnsiConsole.Write(await FrameAsync(client, warehouseId, maxRows));
                return 0;
            }

            var period = parsed.GetValue(interval);
            try
            {
                await AnsiConsole.Live(await FrameAsync(client, warehouseId, maxRows)).StartAsync(async context =>
                {
                    while (true)
                    {
                        await Task.Delay(period, cancellationToken);
                        context.UpdateTarget(await FrameAsync(client, warehouseId, maxRows));
                    }
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        }));
        return new Command("fleet", "Fleet overview and the demo run.") { watch, FleetDemoCommand.Create() };
    }

    private static async Task<IRenderable> FrameAsync(ClusterClient client, string warehouseId, int maxRows)
    {
        var robotIds = await client.GetGrain<IWarehouseGrain>(warehouseId).GetRobots();
        var snapshotsTask = Task.WhenAll(robotIds.Select(id => client.GetGrain<IRobotGrain>(id).GetSnapshot()));
        var depthTask = client.GetGrain<ISchedulerGrain>(warehouseId).GetQueueDepth();
        var statsTask = client.GetGrain<IFleetStatisticsGrain>(warehouseId).GetStatistics();
        var snapshots = await snapshotsTask;
        var depth = await depthTask;
        var stats = await statsTask;

        var robots = new Table()
            .Title($"warehouse {Markup.Escape(warehouseId)} — {snapshots.Length} robot(s), {DateTimeOffset.Now:HH:mm:ss}")
            .AddColumns("robot", "mode", "status", "position", "battery", "task", "done", "failed");
        foreach (var r in snapshots
                     .OrderBy(r => r.Status is RobotStatus.Idle ? 1 : 0)
                     .ThenByDescending(r => r.TasksCompleted)
                     .ThenBy(r => r.RobotId, StringComparer.Ordinal)
                     .Take(maxRows))
        {
            var batteryColor = r.Battery switch { < 0.2 => "red", < 0.5 => "yellow", _ => "green" };
            robots.AddRow(
                Markup.Escape(r.RobotId),
                r.Mode.ToString(),
                $"[{StatusColor(r.Status)}]{r.Status}[/]",
                r.Position.ToString(),
                $"[{batteryColor}]{r.Battery:P0}[/]",
                Markup.Escape(r.CurrentTaskId ?? "-"),
                r.TasksCompleted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.TasksFailed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (snapshots.Length > maxRows)
        {
            robots.Caption($"{snapshots.Length - maxRows} more robot(s) not shown");
        }

        var byStatus = string.Join("  ", snapshots.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"[{StatusColor(g.Key)}]{g.Key}[/] {g.Count()}"));
        var summary = new Table().HideHeaders().AddColumns("metric", "value");
        summary.AddRow("robots", byStatus.Length > 0 ? byStatus : "none");
        summary.AddRow("queue depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        summary.AddRow("completed / failed / requeued", $"{stats.TasksCompleted} / {stats.TasksFailed} / {stats.TasksRequeued}");
        summary.AddRow("throughput", $"{stats.ThroughputPerSecond:F1} tasks/s");
        summary.AddRow("order→assign", Percentiles(stats.OrderToAssign));
        summary.AddRow("order→complete", Percentiles(stats.OrderToComplete));
        if (stats.FailuresByReason.Count > 0)
        {
            summary.AddRow("failures", Markup.Escape(string.Join(", ", stats.FailuresByReason.Select(kv => $"{kv.Key}: {kv.Value}"))));
        }

        return new Rows(robots, summary);
    }

    private static string Percentiles(LatencyPercentiles p) =>
        p.Count == 0 ? "[grey]no samples[/]" : $"p50 {p.P50Ms:F1} ms  p90 {p.P90Ms:F1} ms  p99 {p.P99Ms:F1} ms  max {p.MaxMs:F1} ms  (n={p.Count})";

    private static string StatusColor(RobotStatus status) => status switch
    {
        RobotStatus.Idle => "grey",
        RobotStatus.Assigned or RobotStatus.Moving => "green",
        RobotStatus.Charging => "blue",
        RobotStatus.Faulted => "red",
        _ => "yellow",
    };
}
