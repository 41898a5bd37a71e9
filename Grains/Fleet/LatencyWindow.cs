using System.Runtime.InteropServices;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The most recent latency samples (a ring of fixed size), so percentiles reflect current behaviour in
/// bounded memory. Persisted with the statistics after every event, so the samples are stored packed
/// (<see cref="Packed"/>: 32-bit floats, base64 in JSON) — writing thousands of numbers as text costs more
/// than the rest of the statistics together.
/// </summary>
public sealed class LatencyWindow
{
    private float[] _samples;

    public LatencyWindow()
        : this(0)
    {
    }

    public LatencyWindow(int capacity) => _samples = new float[capacity];

    /// <summary>The samples in milliseconds, as raw floats in the machine's byte order.</summary>
    public byte[] Packed
    {
        get => MemoryMarshal.AsBytes(_samples.AsSpan()).ToArray();
        set => _samples = MemoryMarshal.Cast<byte, float>(value).ToArray();
    }

    /// <summary>Where the next sample goes.</summary>
    public int Next { get; set; }

    /// <summary>Every sample ever added.</summary>
    public long Count { get; set; }

    public void Add(TimeSpan latency)
    {
        if (_samples.Length == 0)
        {
            return;
        }

        _samples[Next] = (float)Math.Max(0, latency.TotalMilliseconds);
        Next = (Next + 1) % _samples.Length;
        Count++;
    }

    /// <summary>Nearest-rank percentiles over the samples held; <see cref="LatencyPercentiles.Count"/> is every sample ever added.</summary>
    public LatencyPercentiles Percentiles()
    {
        var held = (int)Math.Min(Count, _samples.Length);
        if (held == 0)
        {
            return LatencyPercentiles.Empty;
        }

        var sorted = Array.ConvertAll(_samples[..held], s => (double)s);
        Array.Sort(sorted);
        return new LatencyPercentiles(Count, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
