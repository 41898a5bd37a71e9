using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime;

namespace MultiAgent.Benchmarks.Runtime;

public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

public interface ICallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls <paramref name="target"/> back to back until <paramref name="duration"/> has passed; returns the call count.</summary>
    Task<long> Run(IPingGrain target, TimeSpan duration);
}

/// <summary>The grain-to-grain caller: each call is awaited inside the caller's turn, as real grain code does.</summary>
public sealed class CallerGrain : Grain, ICallerGrain
{
    internal static readonly Dictionary<long, LatencyRecorder> Recorders = [];

    public async Task<long> Run(IPingGrain target, TimeSpan duration)
    {
        LatencyRecorder? recorder;
        lock (Recorders)
        {
            Recorders.TryGetValue(this.GetPrimaryKeyLong(), out recorder);
        }

        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long calls = 0;
        var value = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= end)
            {
                return calls;
            }

            value = await target.Ping(value);
            recorder?.Record(Stopwatch.GetTimestamp() - start);
            calls++;
        }
    }
}
