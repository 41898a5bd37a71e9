using System.CommandLine;
using MultiAgent.Grains.Fleet;
using Spectre.Console;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary><c>warehouse configure &lt;id&gt; --width W --height H</c>: the floor layout, stations generated on the grid edges unless given.</summary>
internal static class WarehouseCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The warehouse id." };
        var width = FleetOptions.PositiveInt("--width", "Grid width in cells.", max: 100_000);
        var height = FleetOptions.PositiveInt("--height", "Grid height in cells.", max: 100_000);
        var pickCount = new Option<int>("--pick-stations") { Description = "How many pick stations to generate along the bottom edge (y = 0).", DefaultValueFactory = _ => 4 };
        var dropCount = new Option<int>("--drop-stations") { Description = "How many drop stations to generate along the top edge (y = height-1).", DefaultValueFactory = _ => 4 };
        var chargerCount = new Option<int>("--chargers") { Description = "How many chargers to generate along the left edge (x = 0).", DefaultValueFactory = _ => 2 };
        foreach (var count in new[] { pickCount, dropCount, chargerCount })
        {
            count.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 0)
                {
                    result.AddError($"{result.Option.Name} must be 0 or more, got {result.GetValueOrDefault<int>()}.");
                }
            });
        }

        var picks = FleetOptions.Points("--pick", "Explicit pick stations as x,y (repeatable); replaces the generated ones.");
        var drops = FleetOptions.Points("--drop", "Explicit drop stations as x,y (repeatable); replaces the generated ones.");
        var chargers = FleetOptions.Points("--charger", "Explicit chargers as x,y (repeatable); replaces the generated ones.");

        var configure = new Command("configure", "Set a warehouse's floor layout (grid size, pick/drop stations, chargers).")
        {
            id, width, height, pickCount, dropCount, chargerCount, picks, drops, chargers,
        };
        configure.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(id)))
            {
                result.AddError("The warehouse id must not be empty.");
            }
        });
        configure.SetAction((parsed, cancellationToken) =>
        {
            var w = parsed.GetValue(width);
            var h = parsed.GetValue(height);
            var layout = new WarehouseLayout(
                parsed.GetValue(id)!,
                w,
                h,
                Or(parsed.GetValue(picks), () => FleetOptions.Spread(parsed.GetValue(pickCount), w).Select(x => new GridPoint(x, 0))),
                Or(parsed.GetValue(drops), () => FleetOptions.Spread(parsed.GetValue(dropCount), w).Select(x => new GridPoint(x, h - 1))),
                Or(parsed.GetValue(chargers), () => FleetOptions.Spread(parsed.GetValue(chargerCount), h).Select(y => new GridPoint(0, y))));
            var problems = layout.Problems();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {problem}");
                }

                return Task.FromResult(1);
            }

            return ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
            {
                await client.GetGrain<IWarehouseGrain>(layout.WarehouseId).Configure(layout);
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]configured[/] warehouse [bold]{layout.WarehouseId}[/]: {w} × {h}, pick {Describe(layout.PickStations)}, drop {Describe(layout.DropStations)}, chargers {Describe(layout.Chargers)}");
                return 0;
            });
        });
        return new Command("warehouse", "Warehouse layout.") { configure };
    }

    private static GridPoint[] Or(GridPoint[]? given, Func<IEnumerable<GridPoint>> generate) =>
        given is { Length: > 0 } ? given : [.. generate()];

    private static string Describe(IReadOnlyList<GridPoint> points) =>
        points.Count == 0 ? "none" : points.Count <= 6 ? string.Join(" ", points) : $"{points.Count} cells";
}
