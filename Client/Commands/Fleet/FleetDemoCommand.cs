using System.CommandLine;
using MultiAgent.Grains.Fleet;
using Spectre.Console;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>
/// <c>fleet demo --kafka host:port</c>: the main job's fleet. Configures a warehouse, spawns simulated robots,
/// produces orders to Kafka at a rate with live progress, and ends — when the orders have drained, or on
/// Ctrl-C — with a summary from the statistics grain and the scheduler.
/// </summary>
internal static class FleetDemoCommand
{
    private const int MaxOrders = 10_000_000;

    public static Command Create()
    {
        var kafka = FleetOptions.Kafka();
        var topic = new Option<string>("--topic")
        {
            Description = "The Kafka topic the silos read orders from.",
            DefaultValueFactory = _ => FleetTopics.Orders,
            Validators = { FleetOptions.RequireNonEmpty },
        };
        var warehouse = FleetOptions.Warehouse("The warehouse to configure and fill with robots.", defaultValue: "wh-1");
        var robots = FleetOptions.PositiveInt("--robots", "How many simulated robots to spawn.", defaultValue: 200, max: 100_000);
        var orders = FleetOptions.PositiveInt("--orders", "How many orders to produce.", defaultValue: 1500, max: MaxOrders);
        var duration = new Option<TimeSpan?>("--duration")
        {
            Description = "Produce for this long instead of a count (orders = rate × duration), e.g. 45s or 2m.",
            CustomParser = result => FleetOptions.ParseDuration(result),
        };
        var rate = FleetOptions.PositiveDouble("--rate", "Orders per second.", 30);
        var speed = FleetOptions.PositiveDouble("--speed", "Robot speed in cells per second of simulated time.", 1.0);
        var timeScale = FleetOptions.PositiveDouble("--time-scale", "Simulated seconds per real second (at speed 1 and time scale 20 a robot drives 20 cells per real second).", 20);
        var width = FleetOptions.PositiveInt("--width", "Grid width in cells.", defaultValue: 40, max: 100_000);
        var height = FleetOptions.PositiveInt("--height", "Grid height in cells.", defaultValue: 25, max: 100_000);
        var pickStations = FleetOptions.NonNegativeInt("--pick-stations", "Pick stations along the bottom edge.", 8);
        var dropStations = FleetOptions.NonNegativeInt("--drop-stations", "Drop stations along the top edge.", 8);
        var chargers = FleetOptions.NonNegativeInt("--chargers", "Chargers along the left edge.", 4);
        var drainTimeout = new Option<TimeSpan>("--drain-timeout")
        {
            Description = "After the last order is produced, how long to wait for the rest to finish before reporting them stuck.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
            CustomParser = FleetOptions.ParseDuration,
        };
        var seed = new Option<int?>("--seed") { Description = "Random seed for the orders, for a repeatable run." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the options, print the plan and exit without connecting." };

        var demo = new Command("demo", "Configure a warehouse, spawn simulated robots, produce orders to Kafka with live progress, and print a summary (Ctrl-C: stop and summarise).")
        {
            kafka, topic, warehouse, robots, orders, duration, rate, speed, timeScale, width, height, pickStations, dropStations, chargers, drainTimeout, seed, dryRun,
        };

        demo.Validators.Add(result =>
        {
            if (result.GetResult(duration) is { Implicit: false } && result.GetResult(orders) is { Implicit: false })
            {
                result.AddError("--orders and --duration are alternatives: pass one of them.");
            }
        });

        demo.SetAction((parsed, cancellationToken) =>
        {
            var plan = new FleetDemoPlan(
                parsed.GetValue(kafka)!,
                parsed.GetValue(topic)!,
                WarehouseCommand.Generate(parsed.GetValue(warehouse)!, parsed.GetValue(width), parsed.GetValue(height), parsed.GetValue(pickStations), parsed.GetValue(dropStations), parsed.GetValue(chargers)),
                parsed.GetValue(robots),
                parsed.GetValue(duration) is { } d ? OrdersFor(d, parsed.GetValue(rate)) : parsed.GetValue(orders),
                parsed.GetValue(rate),
                parsed.GetValue(speed),
                parsed.GetValue(timeScale),
                parsed.GetValue(drainTimeout),
                parsed.GetValue(seed));
            // The layout is checked here, not in a validator: a command validator does not see the options' default values.
            if (!WarehouseCommand.ReportProblems(plan.Layout))
            {
                return Task.FromResult(1);
            }

            if (plan.Orders is < 1 or > MaxOrders)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] --duration × --rate must give between 1 and {MaxOrders} orders, got {plan.Orders}.");
                return Task.FromResult(1);
            }

            if (plan.Layout.PickStations.Count == 0 || plan.Layout.DropStations.Count == 0)
            {
                AnsiConsole.MarkupLine("[red]error:[/] --pick-stations and --drop-stations must each be at least 1: orders are picked and dropped at stations.");
                return Task.FromResult(1);
            }

            if (parsed.GetValue(dryRun))
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]fleet demo[/] (dry run: nothing was started)\n{plan.Describe()}");
                return Task.FromResult(0);
            }

            return ConnectionOptions.WithClientAsync(parsed, cancellationToken, client => new FleetDemo(client, plan).RunAsync(cancellationToken));
        });
        return demo;
    }

    private static int OrdersFor(TimeSpan duration, double rate) => (int)Math.Clamp(Math.Ceiling(duration.TotalSeconds * rate), 0, MaxOrders + 1L);
}
