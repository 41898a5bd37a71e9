using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>The callee of the cross-silo figures; the suite places every one on the child silo.</summary>
public interface IRemotePingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class RemotePingGrain : Grain, IRemotePingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

public interface IRemoteCallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls <paramref name="target"/> back to back until <paramref name="duration"/> has passed; returns the call count.</summary>
    Task<long> Run(IRemotePingGrain target, TimeSpan duration);
}

/// <summary>
/// The grain-to-grain caller, placed on the driver silo: each call is awaited inside the caller's turn, as real grain
/// code does, and crosses to the child silo. Latencies go to a recorder the suite registers by the caller's key.
/// </summary>
public sealed class RemoteCallerGrain : Grain, IRemoteCallerGrain
{
    internal static readonly Dictionary<long, LatencyRecorder> Recorders = [];

    public async Task<long> Run(IRemotePingGrain target, TimeSpan duration)
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
