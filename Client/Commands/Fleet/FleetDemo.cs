using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using Spectre.Console;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>
/// One demo run: configure the warehouse, spawn its simulated robots, produce orders to Kafka while showing
/// progress, wait for them to finish, and print the summary. Cancellation (Ctrl-C) at any point skips to the
/// summary of what happened so far.
/// </summary>
internal sealed class FleetDemo(IGrainFactory grains, FleetDemoPlan plan)
{
    /// <summary>0 when every order finished (or the user stopped the run); 1 when orders were lost or stuck.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]fleet demo[/]\n{plan.Describe()}");

        // The first look also activates the statistics grain, so on a fresh cluster its window starts here.
        var before = await FleetSample.TakeAsync(grains, plan.WarehouseId);
        var random = plan.Seed is { } seed ? new Random(seed) : new Random();
        using var producer = new OrderProducer(plan.Kafka, plan.Topic, plan.Layout, random);
        var outcome = await SetUpAsync(cancellationToken)
            ? await new FleetDemoProgress(grains, plan, producer, before).RunAsync(cancellationToken)
            : FleetDemoProgress.Outcome.Cancelled;

        var after = await FleetSample.TakeAsync(grains, plan.WarehouseId);
        var cancelled = outcome == FleetDemoProgress.Outcome.Cancelled;
        var summary = FleetDemoSummary.From(before, after, plan.RobotIds, producer.Produced, producer.Failed, cancelled);
        AnsiConsole.WriteLine();
        AnsiConsole.Write(summary.Render());
        if (producer.FirstError is { } error)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] Kafka did not accept {producer.Failed} order(s); the first reason: {error}");
        }

        if (outcome == FleetDemoProgress.Outcome.DrainTimedOut)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[red]error:[/] {summary.Unfinished} order(s) had not finished {plan.DrainTimeout.TotalSeconds:F0} s after the last was produced (--drain-timeout); see 'orders status <id> --warehouse {plan.WarehouseId}' and the silo logs.");
        }

        return summary.Succeeded ? 0 : 1;
    }

    /// <returns>False when cancelled before the robots were all started.</returns>
    private async Task<bool> SetUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IWarehouseGrain>(plan.WarehouseId).Configure(plan.Layout);
            AnsiConsole.MarkupLineInterpolated($"[green]configured[/] warehouse [bold]{plan.WarehouseId}[/]");
            await RobotsCommand.SpawnAsync(grains, plan.Layout, plan.Robots, plan.Speed, plan.TimeScale, cancellationToken);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]spawned[/] {plan.Robots} simulated robot(s) ({plan.RobotIds[0]} .. {plan.RobotIds[^1]}); producing {plan.Orders} orders (Ctrl-C stops the run and prints the summary)");
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
