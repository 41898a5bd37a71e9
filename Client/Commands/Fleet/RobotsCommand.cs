using System.CommandLine;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using Spectre.Console;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary><c>robots spawn --warehouse &lt;id&gt; --count N</c>: starts N simulated robots <c>&lt;warehouse&gt;-r1..rN</c> spread over the grid.</summary>
internal static class RobotsCommand
{
    private const int Parallelism = 64;

    public static Command Create()
    {
        var warehouse = FleetOptions.Warehouse("The warehouse to spawn in (must be configured first).");
        var count = FleetOptions.PositiveInt("--count", "How many simulated robots.", max: 100_000);
        var speed = FleetOptions.PositiveDouble("--speed", "Cells per second of simulated time.", 1.0);
        var timeScale = FleetOptions.PositiveDouble("--time-scale", "Simulated seconds per real second (e.g. 100 for a fast demo).", 1.0);

        var spawn = new Command("spawn", "Start simulated robots in a warehouse (ids <warehouse>-r<k>, k = 1..N).") { warehouse, count, speed, timeScale };
        spawn.SetAction((parsed, cancellationToken) => ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
        {
            var warehouseId = parsed.GetValue(warehouse)!;
            var n = parsed.GetValue(count);
            var layout = await client.GetGrain<IWarehouseGrain>(warehouseId).GetLayout();
            if (layout is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] warehouse '{warehouseId}' is not configured; run 'warehouse configure {warehouseId} --width W --height H' first.");
                return 1;
            }

            var s = parsed.GetValue(speed);
            var scale = parsed.GetValue(timeScale);
            await SpawnAsync(client, layout, n, s, scale, cancellationToken);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]spawned[/] {n} simulated robot(s) in [bold]{warehouseId}[/] ({RobotId(warehouseId, 1)}{(n > 1 ? $" .. {RobotId(warehouseId, n)}" : "")}), speed {s} cells/s, time scale {scale}×");
            return 0;
        }));
        return new Command("robots", "Simulated robots.") { spawn };
    }

    /// <summary>Starts simulated robots 1..<paramref name="count"/> of the warehouse, spread evenly over its grid row by row.</summary>
    public static Task SpawnAsync(IGrainFactory grains, WarehouseLayout layout, int count, double speed, double timeScale, CancellationToken cancellationToken)
    {
        var cells = (long)layout.Width * layout.Height;
        return Parallel.ForAsync(1, count + 1, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (k, _) =>
        {
            var cell = (k - 1) * cells / count;
            var position = new GridPoint((int)(cell % layout.Width), (int)(cell / layout.Width));
            await grains.GetGrain<IRobotGrain>(RobotId(layout.WarehouseId, k)).Start(layout.WarehouseId, position, speed, timeScale);
        });
    }

    public static string RobotId(string warehouseId, int k) => $"{warehouseId}-r{k}";
}
