using System.Diagnostics;

namespace MultiAgent.Benchmarks.Reporting;

/// <summary>Per-operation latencies in Stopwatch ticks, kept in a preallocated array (no allocation while measuring).</summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _samples = new long[capacity];
    private int _count;

    public int Count => Math.Min(_count, _samples.Length);

    public void Record(long elapsedTicks)
    {
        if (_count < _samples.Length)
        {
            _samples[_count] = elapsedTicks;
        }

        _count++;
    }

    public static double Percentile(IEnumerable<LatencyRecorder> recorders, double percentile)
    {
        var all = recorders.SelectMany(r => r._samples.Take(r.Count)).ToArray();
        if (all.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(all);
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * all.Length) - 1, 0, all.Length - 1);
        return all[index] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
