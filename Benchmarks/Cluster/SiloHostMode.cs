using System.Diagnostics;
using System.Globalization;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// <c>Benchmarks -- silo-host --cluster-id ID --redis HOST:PORT [--parent-pid PID]</c>: the second silo process of
/// the cluster suite (a hidden mode, not a suite). It hosts a silo with this assembly's grains, joined to the Redis
/// membership cluster, and talks to its parent on stdout:
/// <c>SILO-READY &lt;silo address&gt; &lt;gateway port&gt;</c> once started, then <c>SILO-VIEW &lt;n&gt;</c> whenever
/// the number of active silos it places grains on changes. It stops gracefully when its stdin closes, when the
/// parent process is gone, or on Ctrl+C, so it never outlives the benchmark.
/// </summary>
internal static class SiloHostMode
{
    public const string Name = "silo-host";
    public const string ReadyPrefix = "SILO-READY ";
    public const string ViewPrefix = "SILO-VIEW ";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var clusterId, out var redis, out var parentPid, out var error))
        {
            Console.Error.WriteLine($"{Name}: {error}");
            Console.Error.WriteLine($"usage: {Name} --cluster-id ID --redis HOST:PORT [--parent-pid PID]");
            return 2;
        }

        using var exit = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            exit.Cancel();
        };

        var silo = BenchSilo.Create($"bench-child-{Environment.ProcessId}", clusterId, redis, stopOnSignals: true);
        try
        {
            await silo.StartAsync(exit.Token);
            Console.Out.WriteLine($"{ReadyPrefix}{silo.Address} {silo.GatewayPort.ToString(CultureInfo.InvariantCulture)}");

            var view = ReportViewAsync(silo, exit.Token);
            await Task.WhenAny(
                StdinClosedAsync(),
                ParentGoneAsync(parentPid, exit.Token),
                Task.Delay(Timeout.Infinite, exit.Token),
                Task.Delay(Timeout.Infinite, silo.Stopping));
            await exit.CancelAsync();
            await view;
        }
        catch (OperationCanceledException) when (exit.IsCancellationRequested)
        {
        }
        finally
        {
            await silo.StopAsync(TimeSpan.FromSeconds(5));
        }

        return 0;
    }

    private static async Task ReportViewAsync(BenchSilo silo, CancellationToken cancellationToken)
    {
        var reported = -1;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var active = silo.ActiveSilos;
                if (active != reported)
                {
                    reported = active;
                    Console.Out.WriteLine($"{ViewPrefix}{active.ToString(CultureInfo.InvariantCulture)}");
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The parent holds our stdin open; end of input means it closed it or died.</summary>
    private static Task StdinClosedAsync() => Task.Run(async () =>
    {
        await using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await stdin.ReadAsync(buffer) > 0)
        {
        }
    });

    /// <summary>Backstop for a parent that left our stdin to someone else: poll for its process id.</summary>
    private static async Task ParentGoneAsync(int? parentPid, CancellationToken cancellationToken)
    {
        if (parentPid is not { } pid)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }

        while (true)
        {
            try
            {
                using var parent = Process.GetProcessById(pid);
                if (parent.HasExited)
                {
                    return;
                }
            }
            catch (ArgumentException)
            {
                return; // no such process any more
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static bool TryParse(string[] args, out string clusterId, out string redis, out int? parentPid, out string error)
    {
        clusterId = string.Empty;
        redis = string.Empty;
        parentPid = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--cluster-id" when value is not null:
                    clusterId = value;
                    i++;
                    break;
                case "--redis" when value is not null:
                    redis = value;
                    i++;
                    break;
                case "--parent-pid" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid):
                    parentPid = pid;
                    i++;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'{(value is null ? " (missing its value?)" : string.Empty)}.";
                    return false;
            }
        }

        error = clusterId.Length == 0 ? "--cluster-id is required." : redis.Length == 0 ? "--redis is required." : string.Empty;
        return error.Length == 0;
    }
}
