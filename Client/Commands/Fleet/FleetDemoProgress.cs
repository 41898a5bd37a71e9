using System.Diagnostics;
using System.Globalization;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>
/// Runs the producer and watches the warehouse until every acknowledged order has finished: a live table on
/// a terminal, a line every few seconds otherwise (logs, CI). Stops early on cancellation (Ctrl-C) or when
/// orders do not drain within the plan's drain timeout.
/// </summary>
internal sealed class FleetDemoProgress(IGrainFactory grains, FleetDemoPlan plan, OrderProducer producer, FleetSample before)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<(TimeSpan At, long Finished)> _recent = new();
    private TimeSpan? _drainStarted;
    private FleetSample? _last;

    public enum Outcome
    {
        Drained,
        Cancelled,
        DrainTimedOut,
    }

    public async Task<Outcome> RunAsync(CancellationToken cancellationToken)
    {
        var produce = producer.RunAsync(plan.Orders, plan.Rate, cancellationToken);
        var live = AnsiConsole.Profile.Capabilities.Ansi && !Console.IsOutputRedirected;
        Outcome outcome;
        if (live)
        {
            Outcome result = Outcome.Cancelled;
            await AnsiConsole.Live(Text.Empty).AutoClear(false).StartAsync(async context =>
            {
                result = await WatchAsync(produce, frame => context.UpdateTarget(frame), cancellationToken);
            });
            outcome = result;
        }
        else
        {
            TimeSpan? lastLine = null;
            outcome = await WatchAsync(produce, frame =>
            {
                if (lastLine is null || _clock.Elapsed - lastLine >= PlainLineInterval)
                {
                    lastLine = _clock.Elapsed;
                    AnsiConsole.MarkupLine(PlainLine());
                }
            }, cancellationToken);
            AnsiConsole.MarkupLine(PlainLine());
        }

        // The producer stops sending on cancellation but still flushes what it sent, so those orders are counted.
        await produce;
        return outcome;
    }

    private async Task<Outcome> WatchAsync(Task<bool> produce, Action<IRenderable> show, CancellationToken cancellationToken)
    {
        while (true)
        {
            _last = await FleetSample.TakeAsync(grains, plan.WarehouseId, plan.RobotIds);
            Remember(_last);
            show(Frame(_last));
            if (produce.IsCompleted)
            {
                if (!await produce)
                {
                    return Outcome.Cancelled;
                }

                _drainStarted ??= _clock.Elapsed;
                if (_last.FinishedSince(before) >= producer.Produced)
                {
                    return Outcome.Drained;
                }

                if (_clock.Elapsed - _drainStarted >= plan.DrainTimeout)
                {
                    return Outcome.DrainTimedOut;
                }
            }

            try
            {
                await Task.Delay(SampleInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return Outcome.Cancelled;
            }
        }
    }

    private void Remember(FleetSample sample)
    {
        _recent.Enqueue((_clock.Elapsed, sample.Statistics.TasksCompleted));
        while (_recent.Count > 2 && _clock.Elapsed - _recent.Peek().At > ThroughputWindow)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>Completions per second over the last few seconds: what the fleet does now, not on average.</summary>
    private double RecentThroughput()
    {
        if (_recent.Count < 2)
        {
            return 0;
        }

        var first = _recent.Peek();
        var last = _recent.Last();
        return (last.Finished - first.Finished) / Math.Max((last.At - first.At).TotalSeconds, 1e-3);
    }

    private string Phase() => _drainStarted is null ? "producing" : "draining";

    private IRenderable Frame(FleetSample sample)
    {
        var stats = sample.Statistics;
        var completed = stats.TasksCompleted - before.Statistics.TasksCompleted;
        var failed = stats.TasksFailed - before.Statistics.TasksFailed;
        var requeued = stats.TasksRequeued - before.Statistics.TasksRequeued;
        var produced = producer.Produced;
        var busy = sample.Robots(RobotStatus.Assigned) + sample.Robots(RobotStatus.Moving);
        var table = new Table()
            .Title($"fleet demo — warehouse {Markup.Escape(plan.WarehouseId)}, {plan.Robots} robots — {Phase()} ({_clock.Elapsed.TotalSeconds:F0} s)")
            .HideHeaders()
            .AddColumns("metric", "value");
        table.AddRow("orders produced", $"{Bar(produced, plan.Orders)} {produced} / {plan.Orders}{(producer.Failed > 0 ? $"  [red]{producer.Failed} not accepted by Kafka[/]" : "")}");
        table.AddRow("orders finished", $"{Bar(completed + failed, plan.Orders)} [green]{completed}[/] completed, {(failed > 0 ? $"[red]{failed}[/]" : "0")} failed, {requeued} requeued");
        table.AddRow("in flight", $"{Math.Max(0, produced - completed - failed)}  (queue depth {sample.QueueDepth})");
        table.AddRow("throughput", string.Create(CultureInfo.InvariantCulture, $"{RecentThroughput():F1} orders/s (last {ThroughputWindow.TotalSeconds:F0} s)"));
        table.AddRow(
            "robots",
            $"[green]busy {busy}[/]  idle {sample.Robots(RobotStatus.Idle)}  [blue]charging {sample.Robots(RobotStatus.Charging)}[/]{Problems(sample)}");
        table.AddRow("order → assigned", FleetDemoSummary.Percentiles(stats.OrderToAssign));
        table.AddRow("order → completed", FleetDemoSummary.Percentiles(stats.OrderToComplete));
        return table;
    }

    private string PlainLine()
    {
        if (_last is not { } sample)
        {
            return $"[[{_clock.Elapsed.TotalSeconds,5:F0} s]] starting";
        }

        var stats = sample.Statistics;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[[{_clock.Elapsed.TotalSeconds,5:F0} s]] {Phase()}: produced {producer.Produced}/{plan.Orders}, completed {stats.TasksCompleted - before.Statistics.TasksCompleted}, failed {stats.TasksFailed - before.Statistics.TasksFailed}, queue {sample.QueueDepth}, {RecentThroughput():F1} orders/s, busy robots {sample.Robots(RobotStatus.Assigned) + sample.Robots(RobotStatus.Moving)}/{plan.Robots}");
    }

    private static string Problems(FleetSample sample)
    {
        var faulted = sample.Robots(RobotStatus.Faulted);
        var offline = sample.Robots(RobotStatus.Offline);
        return faulted + offline == 0 ? "" : $"  [red]faulted {faulted}  offline {offline}[/]";
    }

    private static string Bar(long value, long total, int width = 30)
    {
        var filled = total <= 0 ? 0 : (int)Math.Clamp(value * width / total, 0, width);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/]";
    }
}
