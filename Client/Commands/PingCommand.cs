using System.CommandLine;
using System.Diagnostics;
using MultiAgent.Grains.Diagnostics;
using Spectre.Console;

namespace MultiAgent.Client.Commands;

/// <summary><c>ping &lt;key&gt;</c>: calls a diagnostic grain and shows which silo answered and how fast.</summary>
internal static class PingCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("key") { Description = "The grain key; the same key always reaches the same grain." };
        var count = new Option<int>("--count", "-n") { Description = "How many pings.", DefaultValueFactory = _ => 1 };
        var command = new Command("ping", "Call a diagnostic grain through the cluster and show where it runs.") { key, count };
        command.SetAction((parsed, cancellationToken) => ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
        {
            var grain = client.GetGrain<IDiagnosticGrain>(parsed.GetValue(key)!);
            var n = Math.Max(1, parsed.GetValue(count));
            for (var i = 0; i < n; i++)
            {
                var watch = Stopwatch.StartNew();
                var pong = await grain.Ping($"ping {i + 1}");
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]{pong.GrainId}[/] answered on silo [bold]{pong.SiloName}[/] ({pong.SiloAddress ?? "single silo"}) in {watch.Elapsed.TotalMilliseconds:F2} ms; call #{pong.Calls} since {pong.ActivatedAt:HH:mm:ss}");
            }

            return 0;
        }));
        return command;
    }
}
