using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>An event carrying its send time (Stopwatch timestamp; producer and silo share the process).</summary>
public sealed record BenchEvent(long SentTimestamp);

public interface IStreamBenchSinkGrain : IGrainWithStringKey
{
    Task<long> Received();
}

/// <summary>Implicitly subscribed to "bench-events": counts deliveries and records their latency.</summary>
[ImplicitStreamSubscription(StreamBenchSinkGrain.Namespace)]
public sealed class StreamBenchSinkGrain : Grain, IStreamBenchSinkGrain, IAsyncObserver<BenchEvent>
{
    public const string Namespace = "bench-events";

    private static long _delivered;

    /// <summary>Set while latency is measured; deliveries record into it.</summary>
    internal static LatencyRecorder? Latencies { get; set; }

    internal static long Delivered => Interlocked.Read(ref _delivered);

    public Task OnNextAsync(BenchEvent item, StreamSequenceToken? token = null)
    {
        Interlocked.Increment(ref _delivered);
        if (Latencies is { } recorder)
        {
            lock (recorder)
            {
                recorder.Record(Stopwatch.GetTimestamp() - item.SentTimestamp);
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> Received() => Task.FromResult(Delivered);
}
