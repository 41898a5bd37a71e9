using System.Diagnostics;
using MultiAgent.Benchmarks.Grains;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Benchmarks.Runtime;

/// <summary>
/// The single-silo runtime: the channel ping-pong ceiling, grain-to-grain call throughput and
/// latency, activation rate, and memory per idle activation.
/// </summary>
internal static class RuntimeSuite
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(3);
    private const int IdleActivations = 100_000;

    public static async Task RunAsync(BenchReport report)
    {
        await ChannelPingPong.RoundTripsPerSecondAsync(Warmup);
        var ceiling = await ChannelPingPong.RoundTripsPerSecondAsync(Measure);
        report.Add("runtime.channel_pingpong_rps", ceiling, "rps", "Channel<T> ping-pong between two tasks (the ceiling)");

        await using var cluster = new TestClusterBuilder().Build();
        await cluster.DeployAsync();
        var grains = cluster.GrainFactory;

        await CallThroughputAsync(grains, callers: 1, Warmup, recordLatency: false, keyBase: 0);
        var (rps1, p50, p99) = await CallThroughputAsync(grains, callers: 1, Measure, recordLatency: true, keyBase: 0);
        report.Add("runtime.local_call_rps_c1", rps1, "rps", "grain→grain calls/s, 1 caller");

        await CallThroughputAsync(grains, callers: 64, Warmup, recordLatency: false, keyBase: 1_000);
        var (rps64, p50c64, p99c64) = await CallThroughputAsync(grains, callers: 64, Measure, recordLatency: true, keyBase: 1_000);
        report.Add("runtime.local_call_rps_c64", rps64, "rps", "grain→grain calls/s, 64 callers");
        report.Add("runtime.local_call_p50_us", p50, "us", "1 caller");
        report.Add("runtime.local_call_p99_us", p99, "us", "1 caller");
        report.Add("runtime.local_call_c64_p50_us", p50c64, "us", "64 callers");
        report.Add("runtime.local_call_c64_p99_us", p99c64, "us", "64 callers");
        report.Add("runtime.local_call_ratio_c1", rps1 / ceiling, "ratio", "c1 / ceiling");
        report.Add("runtime.local_call_ratio_c64", rps64 / ceiling, "ratio", "c64 / ceiling (target ≥ 0.5)");

        var (perSecond, bytes) = await ActivationsAsync(grains);
        report.Add("runtime.activations_per_s", perSecond, "1/s", $"{IdleActivations:N0} first calls, 64 in flight");
        report.Add("runtime.bytes_per_idle_activation", bytes, "bytes", "after a full GC (target ≤ 2048)");
    }

    private static async Task<(double Rps, double P50Us, double P99Us)> CallThroughputAsync(
        IGrainFactory grains, int callers, TimeSpan duration, bool recordLatency, long keyBase)
    {
        var recorders = new List<LatencyRecorder>();
        lock (CallerGrain.Recorders)
        {
            CallerGrain.Recorders.Clear();
            for (var i = 0; i < callers; i++)
            {
                if (recordLatency)
                {
                    var recorder = new LatencyRecorder(2_000_000 / callers);
                    recorders.Add(recorder);
                    CallerGrain.Recorders[keyBase + i] = recorder;
                }
            }
        }

        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(i =>
            grains.GetGrain<ICallerGrain>(keyBase + i).Run(grains.GetGrain<IPingGrain>(keyBase + i), duration)));
        var elapsed = watch.Elapsed.TotalSeconds;
        return (counts.Sum() / elapsed, LatencyRecorder.Percentile(recorders, 50), LatencyRecorder.Percentile(recorders, 99));
    }

    private static async Task<(double PerSecond, double BytesPerActivation)> ActivationsAsync(IGrainFactory grains)
    {
        const long keyBase = 10_000_000;
        await grains.GetGrain<IPingGrain>(keyBase - 1).Ping(0); // warm the path
        var before = FullGcHeapBytes();

        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < IdleActivations)
            {
                await grains.GetGrain<IPingGrain>(keyBase + i).Ping(i);
            }
        })));
        var perSecond = IdleActivations / watch.Elapsed.TotalSeconds;

        var after = FullGcHeapBytes();
        return (perSecond, (after - before) / (double)IdleActivations);
    }

    private static long FullGcHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
