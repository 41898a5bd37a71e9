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
        var pickCount = FleetOptions.NonNegativeInt("--pick-stations", "How many pick stations to generate along the bottom edge (y = 0).", 4);
        var dropCount = FleetOptions.NonNegativeInt("--drop-stations", "How many drop stations to generate along the top edge (y = height-1).", 4);
        var chargerCount = FleetOptions.NonNegativeInt("--chargers", "How many chargers to generate along the left edge (x = 0).", 2);

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
            var generated = Generate(parsed.GetValue(id)!, w, h, parsed.GetValue(pickCount), parsed.GetValue(dropCount), parsed.GetValue(chargerCount));
            var layout = generated with
            {
                PickStations = Or(parsed.GetValue(picks), generated.PickStations),
                DropStations = Or(parsed.GetValue(drops), generated.DropStations),
                Chargers = Or(parsed.GetValue(chargers), generated.Chargers),
            };
            if (!ReportProblems(layout))
            {
                return Task.FromResult(1);
            }

            return ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
            {
                await client.GetGrain<IWarehouseGrain>(layout.WarehouseId).Configure(layout);
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]configured[/] warehouse [bold]{layout.WarehouseId}[/]: {Describe(layout)}");
                return 0;
            });
        });
        return new Command("warehouse", "Warehouse layout.") { configure };
    }

    /// <summary>A W × H grid with stations spread evenly: picks along the bottom edge, drops along the top, chargers along the left.</summary>
    public static WarehouseLayout Generate(string warehouseId, int width, int height, int pickStations, int dropStations, int chargers) => new(
        warehouseId,
        width,
        height,
        [.. FleetOptions.Spread(pickStations, width).Select(x => new GridPoint(x, 0))],
        [.. FleetOptions.Spread(dropStations, width).Select(x => new GridPoint(x, height - 1))],
        [.. FleetOptions.Spread(chargers, height).Select(y => new GridPoint(0, y))]);

    /// <summary>Prints every problem of <paramref name="layout"/> as an error; true when there were none.</summary>
    public static bool ReportProblems(WarehouseLayout layout)
    {
        var problems = layout.Problems();
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {problem}");
        }

        return problems.Count == 0;
    }

    public static string Describe(WarehouseLayout layout) =>
        $"{layout.Width} × {layout.Height}, pick {Describe(layout.PickStations)}, drop {Describe(layout.DropStations)}, chargers {Describe(layout.Chargers)}";

    private static IReadOnlyList<GridPoint> Or(GridPoint[]? given, IReadOnlyList<GridPoint> generated) =>
        given is { Length: > 0 } ? given : generated;

    private static string Describe(IReadOnlyList<GridPoint> points) =>
        points.Count == 0 ? "none" : points.Count <= 6 ? string.Join(" ", points) : $"{points.Count} cells";
}
