using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Benchmarks.Grains;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Client;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// The cluster: the transport's own ceilings (loopback TCP ping-pong RTT and pipelined request/response rate), then
/// cross-silo grain→grain calls between two silo processes (this one, the driver, and a <c>silo-host</c> child)
/// with 1 and 64 callers, and a cluster client's call rate through one gateway. Membership is a private redis-server.
/// </summary>
internal static class ClusterSuite
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int Callers = 64;

    private static readonly RedisServerOptions Redis = new()
    {
        NotFoundMessage = "The cluster benchmarks need redis-server (the OS package) on PATH, /usr/bin or /usr/local/bin, or MULTIAGENT_REDIS_SERVER set to its path.",

        // A benchmark stopped by a signal still takes its server down; only SIGKILL leaves it behind.
        KillOnExit = kill => new ExitHook(kill),
    };

    public static async Task RunAsync(BenchReport report)
    {
        if (MachineLoad.OneMinuteAverage() is { } load)
        {
            // Both silos and the load share this machine's cores: anything else running shows in the figures.
            Console.WriteLine($"  (load average {load} at start)");
        }

        // The ceilings first, before any silo runs in either process.
        var (rttP50, rttP99, _) = await TransportBench.PingPongAsync(Warmup, Measure);
        report.Add("cluster.tcp_pingpong_p50_us", rttP50, "us", "loopback RTT, 1 × 32-byte frame outstanding (our transport)");
        report.Add("cluster.tcp_pingpong_p99_us", rttP99, "us", "same, p99");
        var (tcpRps, framesPerSend) = await TransportBench.PipelinedAsync(Callers, Warmup, Measure);
        report.Add("cluster.tcp_pipelined_rps", tcpRps, "rps", $"request/response frames/s, 64 in flight ({framesPerSend:F1} frames per send call): the ceiling");

        await using var redis = await RedisServerProcess.StartAsync(Redis);
        var clusterId = $"bench-{Guid.NewGuid():N}"[..16];
        var startWatch = Stopwatch.StartNew();
        await using var child = await ChildSiloProcess.StartAsync(clusterId, redis.ConnectionString, StartTimeout);
        await using var driver = BenchSilo.Create("bench-driver", clusterId, redis.ConnectionString, stopOnSignals: false);
        await driver.StartAsync(CancellationToken.None);
        await WaitForBothSilosAsync(driver, child);
        Console.WriteLine($"  (2 silo processes up in {startWatch.Elapsed.TotalSeconds:F1} s: driver {driver.Address} (pid {Environment.ProcessId}), child {child.SiloAddress} (pid {child.ProcessId}, gateway :{child.GatewayPort}))");

        // Every caller lives on the driver and every callee on the child, so each measured call crosses processes.
        var grains = driver.GrainFactory;
        var callers = PickKeys<ICallerGrain>(driver, ownerAddress: null, Callers, firstKey: 0);
        var targets = PickKeys<IPingGrain>(driver, child.SiloAddress, Callers, firstKey: 0);

        await CrossSiloCallsAsync(grains, callers[..1], targets[..1], Warmup, recordLatency: false);
        var (rps1, p50, p99) = await CrossSiloCallsAsync(grains, callers[..1], targets[..1], Measure, recordLatency: true);
        await CrossSiloCallsAsync(grains, callers, targets, Warmup, recordLatency: false);
        var (rps64, p50c64, p99c64) = await CrossSiloCallsAsync(grains, callers, targets, Measure, recordLatency: true);
        ThrowIfAnyActivatedLocally(driver, grains.GetGrain<IPingGrain>(targets[0]));

        report.Add("cluster.remote_call_p50_us", p50, "us", "grain→grain across 2 silo processes, 1 caller");
        report.Add("cluster.remote_call_p99_us", p99, "us", "1 caller");
        report.Add("cluster.remote_call_rps_c1", rps1, "rps", "1 caller");
        report.Add("cluster.remote_call_rps", rps64, "rps", "64 callers (target ≥ 200 k/s; both silos + load on the same cores)");
        report.Add("cluster.remote_call_c64_p50_us", p50c64, "us", "64 callers");
        report.Add("cluster.remote_call_c64_p99_us", p99c64, "us", "64 callers");
        report.Add("cluster.remote_call_ratio", rps64 / tcpRps, "ratio", "remote rps (64 callers) / pipelined TCP rps");
        report.Add("cluster.remote_p50_over_rtt", p50 / rttP50, "ratio", "remote p50 (1 caller) / TCP ping-pong p50 (target ≤ 3)");

        // Half the client's grains live on the child (answered by its gateway silo), half on the driver (forwarded
        // by the child's gateway to the driver and relayed back): the figure includes gateway forwarding.
        var clientTargets = targets[..(Callers / 2)]
            .Concat(PickKeys<IPingGrain>(driver, ownerAddress: null, Callers / 2, firstKey: 1_000_000))
            .ToArray();
        await using var client = new ClusterClient(new ClusterClientOptions
        {
            ClusterId = clusterId,
            Gateways = [$"127.0.0.1:{child.GatewayPort}"],
        });
        await client.ConnectAsync();
        await ClientCallsAsync(client, clientTargets, Warmup, recordLatency: false);
        var (clientRps, clientP50, clientP99) = await ClientCallsAsync(client, clientTargets, Measure, recordLatency: true);
        report.Add("cluster.client_call_rps", clientRps, "rps", "client → child's gateway, 64 loops; half the grains forwarded to the driver silo");
        report.Add("cluster.client_call_p50_us", clientP50, "us", "same, p50");
        report.Add("cluster.client_call_p99_us", clientP99, "us", "same, p99");
    }

    /// <summary>The 1-minute load average (Linux), or null where there is none.</summary>
    /// <summary>Until each silo places grains over both (the child reports its view on stdout).</summary>
    private static async Task WaitForBothSilosAsync(BenchSilo driver, ChildSiloProcess child)
    {
        var deadline = Stopwatch.StartNew();
        while (driver.ActiveSilos != 2 || child.ActiveSilos != 2)
        {
            if (child.Exited.IsCompleted)
            {
                throw new InvalidOperationException("The silo-host process exited while the cluster was forming; see its output above.");
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"The two silos did not see each other within {StartTimeout.TotalSeconds} s (driver sees {driver.ActiveSilos} active, child {child.ActiveSilos}).");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> keys from <paramref name="firstKey"/> on whose grains of
    /// <typeparamref name="TGrain"/> hash placement puts on <paramref name="ownerAddress"/> (null: the driver itself).
    /// </summary>
    private static long[] PickKeys<TGrain>(BenchSilo driver, string? ownerAddress, int count, long firstKey)
        where TGrain : IGrainWithIntegerKey
    {
        var keys = new List<long>(count);
        for (var key = firstKey; keys.Count < count; key++)
        {
            if (key - firstKey > 1_000_000)
            {
                throw new InvalidOperationException($"Found only {keys.Count} of {count} {typeof(TGrain).Name} keys placed on {ownerAddress ?? "the driver"}.");
            }

            var owner = driver.Placement.GetRemoteOwner(driver.GrainFactory.GetGrain<TGrain>(key).GetGrainId());
            if (owner?.ToString() == ownerAddress)
            {
                keys.Add(key);
            }
        }

        return [.. keys];
    }

    private static async Task<(double Rps, double P50Us, double P99Us)> CrossSiloCallsAsync(
        IGrainFactory grains, long[] callerKeys, long[] targetKeys, TimeSpan duration, bool recordLatency)
    {
        var recorders = new List<LatencyRecorder>();
        lock (CallerGrain.Recorders)
        {
            CallerGrain.Recorders.Clear();
            if (recordLatency)
            {
                foreach (var key in callerKeys)
                {
                    var recorder = new LatencyRecorder(4_000_000 / callerKeys.Length);
                    recorders.Add(recorder);
                    CallerGrain.Recorders[key] = recorder;
                }
            }
        }

        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(callerKeys.Select((key, i) =>
            grains.GetGrain<ICallerGrain>(key).Run(grains.GetGrain<IPingGrain>(targetKeys[i]), duration)));
        var elapsed = watch.Elapsed.TotalSeconds;
        return (counts.Sum() / elapsed, LatencyRecorder.Percentile(recorders, 50), LatencyRecorder.Percentile(recorders, 99));
    }

    private static async Task<(double Rps, double P50Us, double P99Us)> ClientCallsAsync(
        ClusterClient client, long[] targetKeys, TimeSpan duration, bool recordLatency)
    {
        var recorders = targetKeys.Select(_ => recordLatency ? new LatencyRecorder(4_000_000 / targetKeys.Length) : null).ToArray();
        var end = CallLoop.EndAfter(duration);
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(targetKeys.Select((key, i) =>
            Task.Run(() => CallLoop.RunAsync(client.GetGrain<IPingGrain>(key).Ping, end, recorders[i]))));
        var elapsed = watch.Elapsed.TotalSeconds;
        var recorded = recorders.OfType<LatencyRecorder>().ToList();
        return (counts.Sum() / elapsed, LatencyRecorder.Percentile(recorded, 50), LatencyRecorder.Percentile(recorded, 99));
    }

    /// <summary>The figures are only cross-silo if no callee ever ran here: check the driver's catalog.</summary>
    private static void ThrowIfAnyActivatedLocally(BenchSilo driver, IPingGrain sample)
    {
        var calleeType = sample.GetGrainId().Type;
        var local = driver.Services.GetRequiredService<Catalog>().Activations.Count(a => a.GrainId.Type == calleeType);
        if (local != 0)
        {
            throw new InvalidOperationException($"{local} callee activations ran on the driver silo: the cross-silo figures would be wrong.");
        }
    }
}
