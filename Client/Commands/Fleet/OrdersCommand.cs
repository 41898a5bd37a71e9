using System.CommandLine;
using System.Diagnostics;
using MultiAgent.Grains.Fleet;
using Spectre.Console;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary><c>orders produce</c> (random valid orders to Kafka at a rate) and <c>orders status &lt;id&gt;</c>.</summary>
internal static class OrdersCommand
{
    public static Command Create() => new("orders", "Orders: produce to Kafka, look one up.") { Produce(), Status() };

    private static Command Produce()
    {
        var kafka = FleetOptions.Kafka();
        var warehouse = FleetOptions.Warehouse("The warehouse the orders are for (the message key).");
        var count = FleetOptions.PositiveInt("--count", "How many orders.", defaultValue: 100);
        var rate = FleetOptions.PositiveDouble("--rate", "Orders per second.", 100);
        var width = FleetOptions.OptionalPositiveInt("--width", "Grid width for random locations (default: the warehouse's layout, read from the cluster).");
        var height = FleetOptions.OptionalPositiveInt("--height", "Grid height for random locations (default: the warehouse's layout, read from the cluster).");
        var seed = new Option<int?>("--seed") { Description = "Random seed, for a repeatable run." };

        var command = new Command("produce", $"Produce random valid orders as JSON to the '{FleetTopics.Orders}' topic (key = warehouse id) at a rate.")
        {
            kafka, warehouse, count, rate, width, height, seed,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(width).HasValue != result.GetValue(height).HasValue)
            {
                result.AddError("--width and --height go together: pass both, or neither to use the warehouse's layout from the cluster.");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var warehouseId = parsed.GetValue(warehouse)!;
            WarehouseLayout? layout;
            if (parsed.GetValue(width) is { } w && parsed.GetValue(height) is { } h)
            {
                layout = new WarehouseLayout(warehouseId, w, h, [], [], []);
            }
            else
            {
                layout = null;
                var code = await ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
                {
                    layout = await client.GetGrain<IWarehouseGrain>(warehouseId).GetLayout();
                    if (layout is null)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] warehouse '{warehouseId}' is not configured; configure it or pass --width and --height.");
                        return 1;
                    }

                    return 0;
                });
                if (code != 0)
                {
                    return code;
                }
            }

            var seedValue = parsed.GetValue(seed);
            var random = seedValue is { } s ? new Random(s) : new Random();
            return await ProduceAsync(parsed.GetValue(kafka)!, layout!, parsed.GetValue(count), parsed.GetValue(rate), random, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ProduceAsync(string bootstrap, WarehouseLayout layout, int count, double rate, Random random, CancellationToken cancellationToken)
    {
        using var producer = new OrderProducer(bootstrap, FleetTopics.Orders, layout, random);
        var watch = Stopwatch.StartNew();
        var completed = true;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask($"{FleetTopics.Orders} ← {layout.WarehouseId}", maxValue: count);
                var run = producer.RunAsync(count, rate, cancellationToken);
                while (await Task.WhenAny(run, Task.Delay(100, CancellationToken.None)) != run)
                {
                    bar.Value = producer.Produced + producer.Failed;
                }

                completed = await run;
                bar.Value = count;
            });

        var seconds = watch.Elapsed.TotalSeconds;
        var produced = producer.Produced;
        var failed = producer.Failed;
        AnsiConsole.MarkupLineInterpolated(
            $"produced: [green]{produced}[/], failed: [{(failed > 0 ? "red" : "green")}]{failed}[/] in {seconds:F1} s ({produced / Math.Max(seconds, 1e-3):F0} orders/s) to '{FleetTopics.Orders}' at {bootstrap}{(completed ? "" : " (cancelled)")}");
        if (producer.FirstError is { } firstError)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] first delivery failure: {firstError}");
        }

        return failed > 0 || !completed ? 1 : 0;
    }

    /// <summary>A valid order: pick at a pick station and drop at a drop station when the layout has them, else random cells.</summary>
    public static Order RandomOrder(WarehouseLayout layout, string orderId, Random random)
    {
        GridPoint Cell(IReadOnlyList<GridPoint> stations) =>
            stations.Count > 0 ? stations[random.Next(stations.Count)] : new GridPoint(random.Next(layout.Width), random.Next(layout.Height));

        return new Order(
            orderId,
            layout.WarehouseId,
            $"SKU-{random.Next(1, 1000):D3}",
            Cell(layout.PickStations),
            Cell(layout.DropStations),
            Priority: random.Next(10) == 0 ? 5 : Order.DefaultPriority,
            CreatedAt: DateTimeOffset.UtcNow);
    }

    private static Command Status()
    {
        var orderId = new Argument<string>("orderId") { Description = "The order id." };
        var warehouse = FleetOptions.Warehouse("The warehouse whose scheduler holds the order.");
        var command = new Command("status", "Show where an order is: pending, assigned (to which robot), completed or failed.") { orderId, warehouse };
        command.SetAction((parsed, cancellationToken) => ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
        {
            var report = await client.GetGrain<ISchedulerGrain>(parsed.GetValue(warehouse)!).GetOrderStatus(parsed.GetValue(orderId)!);
            var color = report.Status switch
            {
                OrderStatus.Completed => "green",
                OrderStatus.Failed => "red",
                OrderStatus.Unknown => "grey",
                _ => "yellow",
            };
            var table = new Table().HideHeaders().AddColumns("field", "value");
            table.AddRow("order", Markup.Escape(report.OrderId));
            table.AddRow("status", $"[{color}]{report.Status}[/]");
            AddIf(table, "warehouse", report.WarehouseId);
            AddIf(table, "task", report.TaskId);
            AddIf(table, "robot", report.RobotId);
            AddIf(table, "created", report.CreatedAt?.ToString("O"));
            AddIf(table, "assigned", report.AssignedAt is { } a ? $"{a:O}{Since(report.CreatedAt, a)}" : null);
            AddIf(table, "completed", report.CompletedAt is { } c ? $"{c:O}{Since(report.CreatedAt, c)}" : null);
            AddIf(table, "failure", report.FailureReason);
            AnsiConsole.Write(table);
            if (report.Status == OrderStatus.Unknown)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]order '{report.OrderId}' is unknown to warehouse '{parsed.GetValue(warehouse)}' (never accepted, or dead-lettered to '{FleetTopics.OrdersDeadLetter}').[/]");
                return 2;
            }

            return 0;
        }));
        return command;
    }

    private static void AddIf(Table table, string field, string? value)
    {
        if (value is not null)
        {
            table.AddRow(field, Markup.Escape(value));
        }
    }

    private static string Since(DateTimeOffset? created, DateTimeOffset at) =>
        created is { } c ? $" (+{(at - c).TotalMilliseconds:F0} ms)" : "";
}
