namespace MultiAgent.Grains.Fleet;

/// <summary>The most recent latency samples (a ring of fixed size), so percentiles reflect current behaviour in bounded memory.</summary>
internal sealed class LatencyWindow(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private int _next;
    private long _count;

    public void Add(TimeSpan latency)
    {
        _samples[_next] = Math.Max(0, latency.TotalMilliseconds);
        _next = (_next + 1) % _samples.Length;
        _count++;
    }

    /// <summary>Nearest-rank percentiles over the samples held; <see cref="LatencyPercentiles.Count"/> is every sample ever added.</summary>
    public LatencyPercentiles Percentiles()
    {
        var held = (int)Math.Min(_count, _samples.Length);
        if (held == 0)
        {
            return LatencyPercentiles.Empty;
        }

        var sorted = _samples[..held];
        Array.Sort(sorted);
        return new LatencyPercentiles(_count, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
