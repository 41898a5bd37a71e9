using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime;

namespace MultiAgent.Benchmarks.Grains;

/// <summary>The callee of every call benchmark.</summary>
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

/// <summary>
/// The grain-to-grain caller: each call is awaited inside the caller's turn, as real grain code does.
/// Latencies go to a recorder a suite registers under the caller's key.
/// </summary>
public sealed class CallerGrain : Grain, ICallerGrain
{
    internal static readonly Dictionary<long, LatencyRecorder> Recorders = [];

    public Task<long> Run(IPingGrain target, TimeSpan duration)
    {
        LatencyRecorder? recorder;
        lock (Recorders)
        {
            Recorders.TryGetValue(this.GetPrimaryKeyLong(), out recorder);
        }

        return CallLoop.RunAsync(target.Ping, CallLoop.EndAfter(duration), recorder);
    }
}
