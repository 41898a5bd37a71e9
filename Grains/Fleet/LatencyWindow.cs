namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The most recent latency samples (a ring of fixed size), so percentiles reflect current behaviour in
/// bounded memory. Persisted with the statistics, hence settable members for the state serializer.
/// </summary>
public sealed class LatencyWindow
{
    public LatencyWindow()
        : this(0)
    {
    }

    public LatencyWindow(int capacity) => Samples = new double[capacity];

    /// <summary>Milliseconds, rounded to the microsecond (shorter when stored).</summary>
    public double[] Samples { get; set; }

    /// <summary>Where the next sample goes.</summary>
    public int Next { get; set; }

    /// <summary>Every sample ever added.</summary>
    public long Count { get; set; }

    public void Add(TimeSpan latency)
    {
        if (Samples.Length == 0)
        {
            return;
        }

        Samples[Next] = Math.Round(Math.Max(0, latency.TotalMilliseconds), 3);
        Next = (Next + 1) % Samples.Length;
        Count++;
    }

    /// <summary>Nearest-rank percentiles over the samples held; <see cref="LatencyPercentiles.Count"/> is every sample ever added.</summary>
    public LatencyPercentiles Percentiles()
    {
        var held = (int)Math.Min(Count, Samples.Length);
        if (held == 0)
        {
            return LatencyPercentiles.Empty;
        }

        var sorted = Samples[..held];
        Array.Sort(sorted);
        return new LatencyPercentiles(Count, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
